// Delivers a queued WhatsApp conversation message through WAHA and keeps WAHA's message id (to match acks and echoes).
// A message that already has a WAHA id was sent: it is never sent twice. A 4xx fails it permanently (with the reason on
// the message); a notification then falls back to SMS once.
import { z } from 'zod';
import { markNotificationFailed, markNotificationSent } from '../../db/notificationRepo';
import { findWaMessage, recordSent, setMessageState } from '../../db/whatsappRepo';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxHandler } from '../../jobs/outboxTypes';
import { fallBackToSms } from '../notify/smsOutbox';
import { WahaError, wahaSendText } from '../notify/wahaClient';
import { bareMessageId } from './messageParser';

const payloadSchema = z.object({ messageId: z.string().uuid() });

export const sendWhatsappMessage: OutboxHandler = async (item, deps) => {
  const parsed = payloadSchema.safeParse(item.payload);
  if (!parsed.success) throw new PermanentOutboxError(`Bad ${item.kind} payload: no messageId`);
  const msg = await findWaMessage(deps.db, parsed.data.messageId);
  if (!msg) throw new PermanentOutboxError('The WhatsApp message to send no longer exists');
  if (msg.wahaId) return { id: msg.wahaId, alreadySent: true };
  const now = () => deps.clock.now();
  try {
    const sent = await wahaSendText(deps.config, { chatId: msg.chatId, text: msg.body, replyTo: msg.replyTo });
    await recordSent(deps.db, msg.id, sent.id, sent.id ? bareMessageId(sent.id) : null, sent.ack, now());
    if (msg.notificationId) await markNotificationSent(deps.db, msg.notificationId, now());
    return sent;
  } catch (err) {
    const message = (err as Error).message;
    const permanent = err instanceof WahaError && err.permanent;
    const last = permanent || item.attempts >= item.maxAttempts;
    await setMessageState(deps.db, msg.id, { state: last ? 'failed' : 'pending', error: message }, now());
    if (last && msg.notificationId) {
      await markNotificationFailed(deps.db, msg.notificationId, message);
      await fallBackToSms(deps.db, deps, { notificationId: msg.notificationId, chatId: msg.chatId, text: msg.body });
    }
    throw permanent ? new PermanentOutboxError(message) : err;
  }
};

export const whatsappOutboxHandlers: Record<string, OutboxHandler> = { [OUTBOX_KINDS.whatsappMessage]: sendWhatsappMessage };
