// The contract between the outbox worker and the handlers that deliver each kind of outbound call.
import type { AppConfig } from '@/src/lib/config';
import type { Clock } from '@/src/lib/clock';
import type { Db } from '@/src/lib/db';
import type { Logger } from '@/src/lib/logger';

export interface OutboxItem {
  id: string;
  kind: string;
  payload: unknown;
  idempotencyKey: string;
  ticketId: string | null;
  attempts: number;
  maxAttempts: number;
}

export interface OutboxDeps {
  db: Db;
  config: AppConfig;
  clock: Clock;
  log: Logger;
}

/** Delivers one item; resolves with what the other side answered (stored on the row), throws to retry. */
export type OutboxHandler = (item: OutboxItem, deps: OutboxDeps) => Promise<unknown>;

/** Thrown by a handler when retrying cannot help (4xx refusal, bad payload): the item goes straight to dead. */
export class PermanentOutboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentOutboxError';
  }
}

/** Outbox kinds and their payloads, shared by producers and handlers. */
export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
  template: string;
  notificationId?: string;
  /** Mail to a ticket's reporter: our Message-ID and the thread it belongs to, so it threads in their client. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Automatic mail (acknowledgement, status update) says so: Auto-Submitted: auto-replied. */
  autoSubmitted?: boolean;
}
export interface WhatsappPayload {
  chatId: string;
  text: string;
  template?: string;
  notificationId?: string;
}
export const OUTBOX_KINDS = {
  email: 'notification.email',
  whatsapp: 'notification.whatsapp',
  invoiceLine: 'invoice.line',
  /** A WhatsApp conversation message (agent reply, status message, outbound start): payload { messageId }. */
  whatsappMessage: 'whatsapp.message',
  /** An SMS (the fallback of a WhatsApp notification): payload { to, text, notificationId }. */
  sms: 'notification.sms',
  qcontactStatus: 'qcontact.status',
  qcontactNote: 'qcontact.note',
} as const;
