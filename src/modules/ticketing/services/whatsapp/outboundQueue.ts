// Queues one WhatsApp message to a chat: its conversation row (pending) and its outbox item, in the caller's transaction.
import type { Queryable } from '@/src/lib/db';
import { enqueueOutbox } from '../../db/outboxRepo';
import { insertWaMessage, setMessageState } from '../../db/whatsappRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';

export interface QueuedMessage {
  messageId: string;
  outboxId: string | null;
}

export async function queueWhatsappMessage(
  tx: Queryable,
  o: {
    ticketId: string | null;
    chatId: string;
    text: string;
    /** WAHA id of the message quoted (reply_to). */
    replyTo: string | null;
    /** The note the message is on the ticket as (null for an automatic answer that is only in the conversation). */
    noteId: string | null;
    notificationId: string | null;
    sentBy: string | null;
    sentByName: string;
    maxAttempts: number;
    now: Date;
  },
): Promise<QueuedMessage> {
  const messageId = await insertWaMessage(tx, {
    chatId: o.chatId, direction: 'out', state: 'pending', ticketId: o.ticketId, noteId: o.noteId, notificationId: o.notificationId,
    body: o.text, replyTo: o.replyTo, sentBy: o.sentBy, sentByName: o.sentByName, isGroup: o.chatId.endsWith('@g.us'), at: o.now,
  });
  const item = await enqueueOutbox(tx, {
    kind: OUTBOX_KINDS.whatsappMessage, payload: { messageId }, idempotencyKey: `whatsapp-message:${messageId}`, ticketId: o.ticketId,
    maxAttempts: o.maxAttempts, runAt: o.now,
  });
  await setMessageState(tx, messageId, { state: 'pending', outboxId: item.id }, o.now);
  return { messageId, outboxId: item.id };
}
