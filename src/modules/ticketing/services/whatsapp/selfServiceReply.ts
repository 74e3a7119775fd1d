// WhatsApp self-service at the edge: a customer's "status" / "status DR1234567" is answered from the open tickets this
// chat's phone reported (services/whatsappSelfService.ts decides what to say). The request is recorded in the
// conversation, opens no ticket and never waits in the unmatched queue; the reply goes out through the outbox.
import type { Queryable } from '@/src/lib/db';
import { insertWaMessage, openTicketsOfReporter, type WaMessageWrite } from '../../db/whatsappRepo';
import { OPEN_STATUSES } from '../../types/enums';
import type { ServiceContext } from '../context';
import { answerStatusRequest as answerRequest, normalisePhone, parseStatusRequest, phoneDigitForms } from '../whatsappSelfService';
import { queueWhatsappMessage } from './outboundQueue';

/** The name our automatic answers carry in the conversation. */
export const SELF_SERVICE_SENDER = 'Self-service';
/** At most this many of a reporter's open tickets are loaded (the reply names three and counts the rest). */
const MAX_CANDIDATES = 50;

export interface SelfServiceMessage {
  chatId: string;
  body: string;
  isGroup: boolean;
  hasMedia: boolean;
  /** The sender's phone in international digits, when known (null for an unresolved @lid). */
  phone: string | null;
}

export type SelfServiceOutcome =
  | { answered: true; ticketId: string | null; messageId: string; replyId: string }
  | { answered: false; reason: string; messageId: string };

/**
 * When the message is a status request (with no photo or document: those are handled as usual), records it and queues
 * the answer in the caller's transaction (the chat is locked, the message is new); null for any other message.
 * A group is never answered: ticket data goes only to the reporter's own chat, and a how-to in a group is noise.
 * When the answer is about exactly one ticket, the request and the answer join that ticket's conversation.
 */
export async function answerStatusRequest(
  tx: Queryable,
  ctx: ServiceContext,
  m: SelfServiceMessage,
  inbound: Omit<WaMessageWrite, 'state' | 'ticketId' | 'noteId'>,
): Promise<SelfServiceOutcome | null> {
  const request = m.hasMedia ? null : parseStatusRequest(m.body);
  if (!request) return null;
  if (m.isGroup) {
    const messageId = await insertWaMessage(tx, { ...inbound, state: 'received', ticketId: null });
    return { answered: false, reason: 'WhatsApp status request in a group: not answered (ticket data goes only to the reporter\u2019s own chat)', messageId };
  }
  const phone = normalisePhone(m.phone);
  const candidates = phone
    ? await openTicketsOfReporter(tx, { phones: phoneDigitForms(phone), drNumber: request.drNumber, openStatuses: OPEN_STATUSES, limit: MAX_CANDIDATES })
    : [];
  const answer = answerRequest(request, { chatPhone: phone ?? '', tickets: candidates, timeZone: ctx.config.BUSINESS_TIMEZONE });
  const ticketId = answer.tickets.length === 1 ? answer.tickets[0].id : null;
  const messageId = await insertWaMessage(tx, { ...inbound, state: 'received', ticketId });
  const reply = await queueWhatsappMessage(tx, {
    ticketId, chatId: m.chatId, text: answer.text, replyTo: null, noteId: null, notificationId: null, sentBy: null, sentByName: SELF_SERVICE_SENDER,
    maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, now: ctx.clock.now(),
  });
  return { answered: true, ticketId, messageId, replyId: reply.messageId };
}
