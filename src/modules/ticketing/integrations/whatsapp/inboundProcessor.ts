// The WhatsApp inbound processor (worker side of tickets-webhook-whatsapp): messages open or join tickets or wait in
// the unmatched queue; media becomes attachments; acks, echoes, edits and revokes update the message we hold.
import { randomUUID } from 'node:crypto';
import { getStorage } from '@/src/lib/storage';
import { appendHistory } from '../../db/historyRepo';
import {
  chatLockKey, findUnconfirmedSend, findWaMessageByWahaId, insertWaMessage, lockChat, markEdited, markRevoked, recordSent, setAck, waMessageAfterNote,
  type WaMessage,
} from '../../db/whatsappRepo';
import { PermanentInboundError, type InboundBatching, type InboundEvent, type InboundOutcome, type InboundProcessor, type InboundRunContext } from '../../jobs/inboundTypes';
import type { OutboxDeps } from '../../jobs/outboxTypes';
import type { Ticket } from '../../types/tickets';
import { addConversationNote, addReceivedAttachment, openTicketFromMessage, WHATSAPP_ACTOR } from '../../services/whatsapp/conversationWrites';
import { answerStatusRequest } from '../../services/whatsapp/selfServiceReply';
import { wahaLookupLid } from '../notify/wahaClient';
import { fetchMediaToStorage, type MediaOutcome } from './mediaFetch';
import { ACK_NAMES, bareMessageId, chatKind, extractDr, nextAck, parseMessagePayload, phoneFromChatId, type ParsedMessage } from './messageParser';
import { envelope, incoming, memoOf, placeOfMessage, prefetchWhatsappRun, WaRunMemo, type MemoMessage } from './runMemo';
import { flushRun, whatsappCtx } from './runWrites';

/** How long an ack or echo naming a message we do not know yet is retried (our send may not be recorded yet). */
export const UNKNOWN_MESSAGE_GRACE_MS = 2 * 60_000;

type Payload = Record<string, unknown>;

function notYetKnown(event: InboundEvent, deps: OutboxDeps, what: string): InboundOutcome {
  if (deps.clock.now().getTime() - Date.parse(event.receivedAt) < UNKNOWN_MESSAGE_GRACE_MS) return { status: 'retry', reason: `${what}: not known yet, will retry` };
  return { status: 'ignored', reason: `${what}: no such message here` };
}

/** The text of the note a message becomes: its body, plus what happened to its media. */
export function noteText(m: ParsedMessage, media: MediaOutcome | null): string {
  const parts = [m.body.trim()];
  if (media?.ok) parts.push(`[${media.mimeType.split('/')[0]} attached: ${media.fileName}]`);
  else if (media) parts.push(`[${media.reason}]`);
  return parts.filter(Boolean).join('\n') || '(empty message)';
}

async function senderPhone(deps: OutboxDeps, m: ParsedMessage): Promise<string | null> {
  if (chatKind(m.senderId) !== 'lid') return phoneFromChatId(m.senderId);
  // Resolved through WAHA where possible; kept as @lid otherwise (the sender column keeps the lid).
  const pn = await wahaLookupLid(deps.config, m.senderId).catch(() => null);
  return phoneFromChatId(pn);
}

/** A message we already hold: processed, or (retried from the review queue while still unmatched) still in review. */
function knownOutcome(known: Pick<WaMessage, 'state' | 'ticketId'>): InboundOutcome {
  // Linking an unmatched message is the agent's move.
  if (known.state === 'unmatched') return { status: 'review', reason: 'Unmatched WhatsApp message: link it to a ticket or open one from it' };
  return { status: 'processed', ticketId: known.ticketId };
}

async function place(deps: OutboxDeps, event: InboundEvent, m: ParsedMessage, phone: string | null, media: MediaOutcome | null, run?: InboundRunContext): Promise<InboundOutcome> {
  const ctx = whatsappCtx(deps);
  const memo = memoOf(run);
  return deps.db.transaction(async (tx) => {
    if (!run?.locked.has(chatLockKey(m.chatId))) await lockChat(tx, m.chatId);
    // The message if a twin or redelivery got here first; else the chat's open tickets.
    const { known, open } = await placeOfMessage(tx, event, m, run);
    if (known) return knownOutcome(known);
    // The row's id is chosen here, so the run's memo knows the message before the statement that writes it answers.
    const base = {
      id: randomUUID(), chatId: m.chatId, wahaId: m.id, wahaKey: m.key, direction: 'in' as const, inboundEventId: event.id, sender: phone ?? m.senderId,
      senderName: m.senderName, isGroup: m.isGroup, body: m.body, replyTo: m.replyTo, at: deps.clock.now(),
    };
    const held = (state: MemoMessage['state'], ticketId: string | null) => memo?.remember(m.id, { id: base.id, state, ticketId, ack: null, direction: 'in' });
    // "status" / "status DR1234567" is a question, not a fault: answered (or, in a group, recorded) and never a new ticket.
    const selfService = await answerStatusRequest(tx, ctx, { chatId: m.chatId, body: m.body, isGroup: m.isGroup, hasMedia: m.hasMedia, phone }, base);
    if (selfService) held('received', selfService.answered ? selfService.ticketId : null);
    if (selfService?.answered) return { status: 'processed', ticketId: selfService.ticketId };
    if (selfService) return { status: 'ignored', reason: selfService.reason };
    const dr = extractDr(m.body);
    const onDrop = dr ? open.find((o) => o.drNumber === dr) : open.length === 1 ? open[0] : undefined;
    // What the run left for its end is written before a ticket is opened, so the new ticket's hooks read a settled database.
    if (!onDrop && dr && memo) await flushRun(tx, deps, memo);
    const ticket: Ticket | null = onDrop ?? (dr ? await openTicketFromMessage(tx, ctx, { drNumber: dr, body: m.body, senderName: m.senderName, phone, source: 'whatsapp' }) : null);
    if (ticket && !onDrop) memo?.opened(m.chatId, ticket);
    const mediaMeta = media ? (media.ok ? { mimetype: media.mimeType, filename: media.fileName, storageKey: media.storageKey, size: media.size, sha256: media.sha256 } : { mimetype: media.mimeType, filename: media.fileName, error: media.reason }) : null;
    if (!ticket) {
      await insertWaMessage(tx, { ...base, state: 'unmatched', media: mediaMeta });
      held('unmatched', null);
      const reason = open.length === 0 ? 'No DR number and no open ticket in this chat' : `No DR number and ${open.length} open tickets in this chat`;
      return { status: 'review', reason: `Unmatched WhatsApp message: ${reason}; link it to a ticket or open one from it` };
    }
    held('received', ticket.id);
    const note = { body: noteText(m, media), authorName: m.senderName ?? (phone ? `+${phone}` : m.senderId), direction: 'inbound' as const };
    if (memo && !media) {
      // In a run: the note and its message are written with the run's others, in one statement at its end.
      const message = { id: base.id, chatId: m.chatId, wahaId: m.id, wahaKey: m.key, inboundEventId: event.id, sender: base.sender, senderName: m.senderName, isGroup: m.isGroup, body: m.body, replyTo: m.replyTo, ack: null };
      memo.deferNote({ noteId: randomUUID(), ticketId: ticket.id, body: note.body.slice(0, 20000), authorName: note.authorName, at: base.at, message }, ticket);
      return { status: 'processed', ticketId: ticket.id };
    }
    if (!media?.ok) {
      // No file to keep: the note and the message it records are one statement.
      await addConversationNote(tx, ctx, ticket, note, waMessageAfterNote({ ...base, state: 'received', ticketId: ticket.id, media: mediaMeta }));
      return { status: 'processed', ticketId: ticket.id };
    }
    const noteId = await addConversationNote(tx, ctx, ticket, note);
    const attachmentId = await addReceivedAttachment(tx, ctx, ticket.id, media);
    await insertWaMessage(tx, { ...base, state: 'received', ticketId: ticket.id, noteId, media: mediaMeta ? { ...mediaMeta, attachmentId } : null });
    return { status: 'processed', ticketId: ticket.id };
  });
}

/** Our own message coming back (`message.any`, fromMe): an echo of a send updates our note, never makes a new one. */
async function onOwnMessage(event: InboundEvent, deps: OutboxDeps, m: ParsedMessage): Promise<InboundOutcome> {
  const now = deps.clock.now();
  const ours = (await findWaMessageByWahaId(deps.db, m.id)) ?? (m.source === 'api' ? await findUnconfirmedSend(deps.db, m.chatId, m.body) : null);
  if (ours) {
    await recordSent(deps.db, ours.id, m.id, m.key, m.ack, now);
    return { status: 'ignored', ticketId: ours.ticketId, reason: 'Echo of our own send: delivery state updated' };
  }
  if (m.source === 'api') return notYetKnown(event, deps, 'Echo of our own send');
  return { status: 'ignored', reason: 'Sent from the phone itself, not through the app' };
}

async function onMessage(event: InboundEvent, deps: OutboxDeps, payload: unknown, run?: InboundRunContext): Promise<InboundOutcome> {
  const m = parseMessagePayload(payload);
  if (!m) throw new PermanentInboundError('Not a WhatsApp message: the payload has no message id or chat');
  if (m.fromMe) {
    await settleRun(deps, run);
    return onOwnMessage(event, deps, m);
  }
  // A message that needs calls out (media, an @lid sender) is looked up first, so a redelivery makes none; a plain
  // one is looked up once, under the chat's lock in place().
  const known = m.hasMedia || chatKind(m.senderId) === 'lid' ? await findWaMessageByWahaId(deps.db, m.id) : null;
  if (known) return knownOutcome(known);
  const phone = await senderPhone(deps, m);
  const media = m.hasMedia ? await fetchMediaToStorage(deps.config, m.media, m.key) : null;
  try {
    return await place(deps, event, m, phone, media, run);
  } catch (err) {
    if (media?.ok) await getStorage(deps.config).delete(media.storageKey);
    throw err;
  }
}

async function onAck(event: InboundEvent, deps: OutboxDeps, p: Payload, run?: InboundRunContext): Promise<InboundOutcome> {
  const id = typeof p.id === 'string' ? p.id : null;
  const ack = typeof p.ack === 'number' ? p.ack : null;
  if (!id || ack === null) throw new PermanentInboundError('message.ack without a message id or ack level');
  const memo = memoOf(run);
  const cached = memo?.message(id);
  const msg: MemoMessage | null = cached !== undefined ? cached : await findWaMessageByWahaId(deps.db, id);
  if (!msg) return notYetKnown(event, deps, `Ack ${ACK_NAMES[ack] ?? ack}`);
  const next = nextAck(msg.ack, ack);
  if (next === msg.ack) return { status: 'ignored', ticketId: msg.ticketId, reason: `Ack ${ACK_NAMES[ack] ?? ack} is not newer than ${ACK_NAMES[msg.ack as number]}` };
  // In a run the ack is written at its end (into its message's row when the run wrote that message). Either way the
  // statement applies it to the row as it then is (never backwards, whatever another worker wrote meanwhile).
  if (memo) memo.deferAck(id, { id: msg.id, ack: next, at: deps.clock.now() });
  else await setAck(deps.db, msg.id, next, deps.clock.now());
  memo?.remember(id, { ...msg, ack: next, state: next === -1 && msg.direction === 'out' ? 'failed' : msg.state === 'pending' ? 'sent' : msg.state });
  return { status: 'processed', ticketId: msg.ticketId };
}

async function onEditOrRevoke(event: InboundEvent, deps: OutboxDeps, p: Payload, kind: 'edited' | 'revoked'): Promise<InboundOutcome> {
  const ref = kind === 'edited' ? p.editedMessageId : p.revokedMessageId;
  if (typeof ref !== 'string' || !ref) throw new PermanentInboundError(`message.${kind} without the id of the message`);
  const msg: WaMessage | null = await findWaMessageByWahaId(deps.db, ref, bareMessageId(ref));
  if (!msg) return { status: 'ignored', reason: `message.${kind}: no such message here` };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (kind === 'edited') await markEdited(tx, msg.id, typeof p.body === 'string' ? p.body : '', now);
    else await markRevoked(tx, msg.id, now);
    if (msg.ticketId) {
      const details = { messageId: msg.id, channel: 'whatsapp', ...(kind === 'edited' ? { body: typeof p.body === 'string' ? p.body.slice(0, 2000) : '' } : {}) };
      await appendHistory(tx, { ticketId: msg.ticketId, actor: WHATSAPP_ACTOR, action: kind === 'edited' ? 'whatsapp_message_edited' : 'whatsapp_message_revoked', details, at: now });
    }
  });
  return { status: 'processed', ticketId: msg.ticketId };
}

/** Before an event that reads the messages themselves (an edit, a revoke, an echo): what the run left for its end is written. */
async function settleRun(deps: OutboxDeps, run: InboundRunContext | undefined): Promise<void> {
  const memo = memoOf(run);
  if (memo) await flushRun(deps.db, deps, memo);
}

/** Everything but a message that calls WAHA (media download, lid lookup) may share the worker's transaction. */
export const whatsappBatching: InboundBatching = {
  together: (event) => {
    const m = incoming(event);
    return !m || (!m.hasMedia && chatKind(m.senderId) !== 'lid');
  },
  lockKey: (event) => {
    const m = incoming(event);
    return m ? chatLockKey(m.chatId) : null;
  },
  prefetch: prefetchWhatsappRun,
  finish: (tx, memo, deps) => (memo instanceof WaRunMemo ? flushRun(tx, deps, memo) : Promise.resolve()),
};

export const processWhatsappEvent: InboundProcessor = async (event, deps, run) => {
  const { type, raw, payload } = envelope(event);
  switch (type) {
    case 'message':
    case 'message.any':
      return onMessage(event, deps, raw, run);
    case 'message.ack':
      return onAck(event, deps, payload, run);
    case 'message.edited':
      await settleRun(deps, run);
      return onEditOrRevoke(event, deps, payload, 'edited');
    case 'message.revoked':
      await settleRun(deps, run);
      return onEditOrRevoke(event, deps, payload, 'revoked');
    default:
      return { status: 'ignored', reason: `WhatsApp event ${type} is stored, not acted on` };
  }
};
