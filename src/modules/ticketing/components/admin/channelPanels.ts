// Channel-specific panels on the integration page (sync now, poll state, unmatched queue links), keyed by channel.
// A channel adds one entry; the page renders it under that channel's card.
import type { ComponentType } from 'react';
import type { ChannelStatusView } from './IntegrationCard';
import { WhatsAppIntegrationPanel } from '../whatsapp/WhatsAppIntegrationPanel';
import { QcontactPanel } from './QcontactPanel';
import { EmailPanel } from './EmailPanel';
import { ImportsPanel } from './ImportsPanel';

export const CHANNEL_PANELS: Record<string, ComponentType<{ status: ChannelStatusView; onChange: () => void }>> = {
  whatsapp: WhatsAppIntegrationPanel,
  qcontact: QcontactPanel,
  email: EmailPanel,
  imports: ImportsPanel,
};
