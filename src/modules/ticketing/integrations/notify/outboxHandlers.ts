// Outbox handlers for notifications (email, WhatsApp), keyed by outbox kind: each delivers one queued send and
// records its outcome on the notification_log row; a failure rethrows so the outbox retries (or dead-letters) it.
import { z } from 'zod';
import { maskEmail, maskPhone } from '@/src/lib/logger';
import { markNotificationFailed, markNotificationSent } from '../../db/notificationRepo';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxDeps, type OutboxHandler, type OutboxItem } from '../../jobs/outboxTypes';
import { isPermanentSmtpFailure, sendSmtpMail, SmtpNotConfiguredError } from './smtpMailer';
import { fallBackToSms } from './smsOutbox';
import { WahaError, wahaSendText } from './wahaClient';

const emailPayload = z.object({
  to: z.string().email(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
  template: z.string(),
  notificationId: z.string().uuid().optional(),
  messageId: z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/).optional(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).optional(),
  autoSubmitted: z.boolean().optional(),
});

const whatsappPayload = z.object({
  chatId: z.string().regex(/^[\w.-]+@(c\.us|g\.us|lid)$/, 'A WhatsApp chat id, e.g. 27821234567@c.us'),
  text: z.string().min(1),
  template: z.string().optional(),
  notificationId: z.string().uuid().optional(),
});

function parsePayload<T>(schema: z.ZodType<T>, item: OutboxItem): T {
  const r = schema.safeParse(item.payload);
  if (!r.success) throw new PermanentOutboxError(`Bad ${item.kind} payload: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Runs one send, marking its log row sent or failed; `permanent` says when a failure should not be retried. */
async function deliver<T>(deps: OutboxDeps, notificationId: string | undefined, send: () => Promise<T>, permanent: (err: unknown) => boolean): Promise<T> {
  try {
    const result = await send();
    if (notificationId) await markNotificationSent(deps.db, notificationId, deps.clock.now());
    return result;
  } catch (err) {
    // nodemailer, fetch and WahaError all throw Error objects.
    const message = (err as Error).message;
    if (notificationId) await markNotificationFailed(deps.db, notificationId, message);
    throw permanent(err) ? new PermanentOutboxError(message) : err;
  }
}

const sendEmail: OutboxHandler = async (item, deps) => {
  const p = parsePayload(emailPayload, item);
  const messageId = p.messageId ?? `<notification-${p.notificationId ?? item.id}@fibreflow>`;
  const threading = { inReplyTo: p.inReplyTo, references: p.references, headers: p.autoSubmitted ? { 'Auto-Submitted': 'auto-replied' } : undefined };
  const sent = await deliver(
    deps,
    p.notificationId,
    () => sendSmtpMail(deps.config, { to: p.to, subject: p.subject, text: p.text, html: p.html, messageId, ...threading }),
    (err) => err instanceof SmtpNotConfiguredError || isPermanentSmtpFailure(err),
  );
  deps.log.info({ notificationId: p.notificationId, to: maskEmail(p.to), template: p.template }, 'notification email sent');
  return sent;
};

const sendWhatsapp: OutboxHandler = async (item, deps) => {
  const p = parsePayload(whatsappPayload, item);
  const permanent = (err: unknown) => err instanceof WahaError && err.permanent;
  const sent = await deliver(deps, p.notificationId, () => wahaSendText(deps.config, p), permanent).catch(async (err: unknown) => {
    // Not on WhatsApp (or refused): the notification goes out once by SMS instead.
    if (err instanceof PermanentOutboxError && p.notificationId) await fallBackToSms(deps.db, deps, { notificationId: p.notificationId, chatId: p.chatId, text: p.text });
    throw err;
  });
  deps.log.info({ notificationId: p.notificationId, to: maskPhone(p.chatId), template: p.template }, 'notification whatsapp sent');
  return sent;
};

export const notificationOutboxHandlers: Record<string, OutboxHandler> = {
  [OUTBOX_KINDS.email]: sendEmail,
  [OUTBOX_KINDS.whatsapp]: sendWhatsapp,
};
