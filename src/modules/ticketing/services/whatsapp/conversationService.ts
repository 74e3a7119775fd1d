// The WhatsApp conversation as agents use it: read a ticket's conversation, reply (optionally quoting), start a
// conversation about a drop (a whatsapp_outbound ticket), and retry a failed send. Every send goes through the outbox.
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import { enqueueOutbox, findOutbox, requeueOutbox } from '../../db/outboxRepo';
import { chatOfTicket, clearSentId, findWaMessage, listTicketMessages, lockChat, setMessageState, type WaMessage } from '../../db/whatsappRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import type { Ticket } from '../../types/tickets';
import type { WhatsappReplyInput, WhatsappStartInput } from '../../types/whatsapp';
import type { ServiceContext } from '../context';
import { phoneToChatId } from '../notifications/notificationService';
import { findVisibleTicket, lockVisibleTicket } from '../ticketAccess';
import { addConversationNote, openTicketFromMessage } from './conversationWrites';
import { queueWhatsappMessage } from './outboundQueue';

export interface Conversation {
  ticketId: string;
  ticketUid: string;
  chatId: string | null;
  configured: boolean;
  messages: WaMessage[];
}

function requireConfigured(ctx: ServiceContext): void {
  if (!ctx.config.WAHA_URL) throw new UnprocessableError('WhatsApp is not configured (set WAHA_URL): nothing can be sent');
}

export async function getConversation(ctx: ServiceContext, idOrUid: string): Promise<Conversation> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  const messages = await listTicketMessages(ctx.db, t.id);
  return { ticketId: t.id, ticketUid: t.ticketUid, chatId: messages.at(-1)?.chatId ?? null, configured: Boolean(ctx.config.WAHA_URL), messages };
}

async function queueReply(tx: Parameters<Parameters<ServiceContext['db']['transaction']>[0]>[0], ctx: ServiceContext, ticket: Ticket, chatId: string, text: string, replyTo: string | null) {
  const now = ctx.clock.now();
  const noteId = await addConversationNote(tx, ctx, ticket, { body: text, authorName: ctx.user.name, direction: 'outbound' });
  return queueWhatsappMessage(tx, {
    ticketId: ticket.id, chatId, text, replyTo, noteId, notificationId: null, sentBy: ctx.user.id, sentByName: ctx.user.name, maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, now,
  });
}

/** An agent's reply: an external note (stops the first-response clock) and a send to the same chat through the outbox. */
export async function replyOnWhatsapp(ctx: ServiceContext, idOrUid: string, input: WhatsappReplyInput): Promise<WaMessage> {
  requireConfigured(ctx);
  const queued = await ctx.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, ctx.user, idOrUid);
    const chatId = await chatOfTicket(tx, ticket.id);
    if (!chatId) throw new UnprocessableError(`${ticket.ticketUid} has no WhatsApp conversation to reply to`);
    let replyTo: string | null = null;
    if (input.replyTo) {
      const quoted = await findWaMessage(tx, input.replyTo);
      if (!quoted || quoted.ticketId !== ticket.id || !quoted.wahaId) throw new UnprocessableError('The quoted message is not part of this conversation', { field: 'replyTo' });
      replyTo = quoted.wahaId;
    }
    return queueReply(tx, ctx, ticket, chatId, input.text, replyTo);
  });
  ctx.log.info({ messageId: queued.messageId }, 'whatsapp reply queued');
  return (await findWaMessage(ctx.db, queued.messageId)) as WaMessage;
}

/** Starts a conversation about a drop with a phone number: a whatsapp_outbound ticket and its first message. */
export async function startWhatsappConversation(ctx: ServiceContext, input: WhatsappStartInput): Promise<{ ticketId: string; ticketUid: string; message: WaMessage }> {
  requireConfigured(ctx);
  const chatId = phoneToChatId(input.phone);
  if (!chatId) throw new UnprocessableError('Not a phone number WhatsApp can reach (international or 0XX, 10 to 15 digits)', { field: 'phone' });
  const r = await ctx.db.transaction(async (tx) => {
    await lockChat(tx, chatId);
    const ticket = await openTicketFromMessage(tx, ctx, {
      source: 'whatsapp_outbound', drNumber: input.drNumber, body: input.text, senderName: null, phone: chatId.split('@')[0],
      title: input.title ?? `WhatsApp conversation about ${input.drNumber}`, ticketType: input.ticketType, priority: input.priority,
    });
    const queued = await queueReply(tx, ctx, ticket, chatId, input.text, null);
    return { ticketId: ticket.id, ticketUid: ticket.ticketUid, messageId: queued.messageId };
  });
  ctx.log.info({ ticketUid: r.ticketUid }, 'whatsapp conversation started');
  return { ticketId: r.ticketId, ticketUid: r.ticketUid, message: (await findWaMessage(ctx.db, r.messageId)) as WaMessage };
}

/** Sends a failed message again: its dead outbox item is requeued, or (WhatsApp reported an error after sending) a new one. */
export async function retryWhatsappMessage(ctx: ServiceContext, messageId: string): Promise<WaMessage> {
  requireConfigured(ctx);
  const msg = await findWaMessage(ctx.db, messageId);
  if (!msg || msg.direction !== 'out' || !msg.ticketId) throw new NotFoundError('WhatsApp message');
  await findVisibleTicket(ctx.db, ctx.user, msg.ticketId);
  if (msg.state !== 'failed') throw new ConflictError(`Only a failed message can be sent again; this one is ${msg.state}`, { state: msg.state });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const item = msg.outboxId ? await findOutbox(tx, msg.outboxId) : null;
    if (item && (await requeueOutbox(tx, item.id, now))) return setMessageState(tx, msg.id, { state: 'pending' }, now);
    await clearSentId(tx, msg.id);
    const again = await enqueueOutbox(tx, {
      kind: OUTBOX_KINDS.whatsappMessage, payload: { messageId: msg.id }, idempotencyKey: `whatsapp-message:${msg.id}:retry:${now.getTime()}`,
      ticketId: msg.ticketId, maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, runAt: now,
    });
    return setMessageState(tx, msg.id, { state: 'pending', outboxId: again.id }, now);
  });
  ctx.log.info({ messageId }, 'whatsapp message queued again');
  return (await findWaMessage(ctx.db, messageId)) as WaMessage;
}
