// SMS through the outbox: the `notification.sms` handler, and the fallback a WhatsApp notification takes once when its
// send fails permanently (number not on WhatsApp, a 4xx): a second notification_log row (channel sms) and its outbox item.
import { z } from 'zod';
import type { Queryable } from '@/src/lib/db';
import { maskPhone } from '@/src/lib/logger';
import { enqueueOutbox } from '../../db/outboxRepo';
import { attachOutbox, findNotification, insertNotification, markNotificationFailed, markNotificationSent } from '../../db/notificationRepo';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxDeps, type OutboxHandler } from '../../jobs/outboxTypes';
import { chatKind } from '../whatsapp/messageParser';
import { httpSmsProvider, SmsError, toE164, type SmsProvider } from './smsClient';

const smsPayload = z.object({ to: z.string().regex(/^\+\d{10,15}$/), text: z.string().min(1), notificationId: z.string().uuid().optional() });

/** Queues the SMS fallback of a failed WhatsApp notification; false when there is no phone, no gateway, or it was done before. */
export async function fallBackToSms(q: Queryable, deps: OutboxDeps, n: { notificationId: string; chatId: string; text: string }): Promise<boolean> {
  const to = chatKind(n.chatId) === 'person' ? toE164(n.chatId) : null;
  const original = await findNotification(q, n.notificationId);
  if (!to || !original || !deps.config.SMS_URL) {
    deps.log.info({ notificationId: n.notificationId, hasPhone: Boolean(to), smsConfigured: Boolean(deps.config.SMS_URL) }, 'no SMS fallback');
    return false;
  }
  const now = deps.clock.now();
  const id = await insertNotification(q, {
    channel: 'sms', recipient: to, template: original.template, ticketId: original.ticketId, userId: original.userId,
    trigger: `${original.trigger}:sms-fallback`, dedupeKey: `sms-fallback:${n.notificationId}`, slaEventId: null, createdAt: now,
  });
  if (!id) return false;
  const item = await enqueueOutbox(q, {
    kind: OUTBOX_KINDS.sms, payload: { to, text: n.text.slice(0, 1600), notificationId: id }, idempotencyKey: `notification:${id}`,
    ticketId: original.ticketId, maxAttempts: deps.config.OUTBOX_MAX_ATTEMPTS, runAt: now,
  });
  await attachOutbox(q, id, item.id);
  deps.log.info({ notificationId: n.notificationId, smsNotificationId: id, to: maskPhone(to) }, 'WhatsApp failed permanently: falling back to SMS');
  return true;
}

export function smsHandler(provider: (deps: OutboxDeps) => SmsProvider = (deps) => httpSmsProvider(deps.config)): OutboxHandler {
  return async (item, deps) => {
    const r = smsPayload.safeParse(item.payload);
    if (!r.success) throw new PermanentOutboxError(`Bad ${item.kind} payload: ${r.error.issues.map((i) => i.message).join('; ')}`);
    const p = r.data;
    try {
      const sent = await provider(deps).send({ to: p.to, text: p.text, idempotencyKey: item.idempotencyKey });
      if (p.notificationId) await markNotificationSent(deps.db, p.notificationId, deps.clock.now());
      deps.log.info({ notificationId: p.notificationId, to: maskPhone(p.to) }, 'sms sent');
      return sent;
    } catch (err) {
      const message = (err as Error).message;
      if (p.notificationId) await markNotificationFailed(deps.db, p.notificationId, message);
      throw err instanceof SmsError && err.permanent ? new PermanentOutboxError(message) : err;
    }
  };
}

export const smsOutboxHandlers: Record<string, OutboxHandler> = { [OUTBOX_KINDS.sms]: smsHandler() };
