// The integration channels the status page shows: which inbound_events sources and outbox kinds belong to each,
// and whether it is configured. A channel adds its extra figures (sync cursor, poll state) through `details`.
import type { AppConfig } from '@/src/lib/config';
import type { ServiceContext } from '../services/context';
import { OUTBOX_KINDS } from '../jobs/outboxTypes';
import { countUnmatched } from '../db/whatsappRepo';
import { emailChannelDetails, importsChannelDetails } from '../services/email/emailStatus';

export interface IntegrationChannel {
  key: string;
  label: string;
  /** inbound_events.source values of this channel. */
  inboundSources: readonly string[];
  /** outbox.kind values this channel delivers. */
  outboxKinds: readonly string[];
  configured(config: AppConfig): boolean;
  /** What is missing when it is not configured (settings to set). */
  settings: readonly string[];
  /** Channel-specific figures (last sync, poll state, next run). */
  details?(ctx: ServiceContext): Promise<Record<string, unknown>>;
}

export const INTEGRATION_CHANNELS: IntegrationChannel[] = [
  {
    key: 'whatsapp',
    label: 'WhatsApp (WAHA)',
    inboundSources: ['whatsapp'],
    outboxKinds: [OUTBOX_KINDS.whatsapp, OUTBOX_KINDS.whatsappMessage],
    configured: (c) => Boolean(c.WAHA_URL),
    settings: ['WAHA_URL', 'WAHA_API_KEY', 'WAHA_SESSION', 'WAHA_WEBHOOK_KEY'],
    details: async (ctx) => ({
      unmatched: await countUnmatched(ctx.db),
      session: ctx.config.WAHA_SESSION,
      webhookSigned: Boolean(ctx.config.WAHA_WEBHOOK_KEY),
    }),
  },
  {
    key: 'sms',
    label: 'SMS gateway',
    inboundSources: [],
    outboxKinds: [OUTBOX_KINDS.sms],
    configured: (c) => Boolean(c.SMS_URL),
    settings: ['SMS_URL', 'SMS_API_KEY', 'SMS_SENDER'],
  },
  {
    key: 'qcontact',
    label: 'QContact',
    inboundSources: ['qcontact'],
    outboxKinds: [OUTBOX_KINDS.qcontactStatus, OUTBOX_KINDS.qcontactNote],
    configured: (c) => Boolean(c.QCONTACT_URL),
    settings: ['QCONTACT_URL', 'QCONTACT_EMAIL', 'QCONTACT_PASSWORD', 'QCONTACT_ASSIGNEE_ID'],
    details: async (ctx) => (await import('../services/qcontact/qcontactAdminService')).qcontactDetails(ctx),
  },
  {
    key: 'email',
    label: 'Email (SMTP, IMAP, inbound webhook)',
    inboundSources: ['email'],
    outboxKinds: [OUTBOX_KINDS.email],
    configured: (c) => Boolean(c.SMTP_HOST || c.IMAP_HOST || c.EMAIL_WEBHOOK_TOKEN),
    settings: ['SMTP_HOST', 'IMAP_HOST', 'EMAIL_WEBHOOK_TOKEN'],
    details: emailChannelDetails,
  },
  {
    key: 'imports',
    label: 'Weekly fault report imports',
    inboundSources: [],
    outboxKinds: [],
    configured: () => true,
    settings: [],
    details: importsChannelDetails,
  },
  {
    key: 'invoicing',
    label: 'Invoicing',
    inboundSources: [],
    outboxKinds: [OUTBOX_KINDS.invoiceLine],
    configured: (c) => Boolean(c.INVOICING_URL),
    settings: ['INVOICING_URL', 'INVOICING_API_KEY'],
  },
];
