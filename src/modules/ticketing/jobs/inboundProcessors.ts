// The inbound processor registry: each inbound_events source and the processor that turns it into tickets and notes.
// A channel adds one line here; events of a source with no processor wait in the queue (visible on the integration page).
import { processWhatsappEvent, whatsappBatching } from '../integrations/whatsapp/inboundProcessor';
import type { InboundBatching, InboundProcessor } from './inboundTypes';
import { processQcontactEvent, QCONTACT_SOURCE } from './qcontactInbound';
import { processEmailEvent } from '../services/email/emailIntakeService';

export const INBOUND_PROCESSORS: Record<string, InboundProcessor> = {
  whatsapp: processWhatsappEvent,
  [QCONTACT_SOURCE]: processQcontactEvent,
  email: processEmailEvent,
};

/** Sources whose events without calls out may share a transaction (see InboundBatching): WhatsApp's many small events. */
export const INBOUND_BATCHING: Record<string, InboundBatching> = {
  whatsapp: whatsappBatching,
};
