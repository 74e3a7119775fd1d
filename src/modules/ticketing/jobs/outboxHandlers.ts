// The outbox handler registry: each outbox kind and the handler that delivers it.
import { invoicingOutboxHandlers } from '../integrations/invoicing/invoiceOutboxHandler';
import { notificationOutboxHandlers } from '../integrations/notify/outboxHandlers';
import { smsOutboxHandlers } from '../integrations/notify/smsOutbox';
import { whatsappOutboxHandlers } from '../integrations/whatsapp/outboxHandler';
import { qcontactOutboxHandlers } from '../integrations/qcontact/qcontactOutbox';
import type { OutboxHandler } from './outboxTypes';

export const OUTBOX_HANDLERS: Record<string, OutboxHandler> = {
  ...invoicingOutboxHandlers,
  ...notificationOutboxHandlers,
  ...whatsappOutboxHandlers,
  ...smsOutboxHandlers,
  ...qcontactOutboxHandlers,
};
