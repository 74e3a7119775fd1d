// A run of WhatsApp events in one transaction reads what its events name once (the inbound worker's prefetch): the
// messages held under their ids and their chats' open tickets. The processor keeps the memo current as it writes (a
// twin finds its message, a chat's second message joins the ticket its first one opened, an ack finds the message
// written moments before), so it answers as the database would inside the transaction, whose locks keep the chats still.
import type { Queryable } from '@/src/lib/db';
import { findWaMessagesByWahaIds, type WaMessage, type WaState } from '../../db/whatsappRepo';
import { openTicketsOfChats } from '../../db/whatsappRunRepo';
import type { RunAck, RunNote } from '../../db/whatsappRunWrites';
import type { InboundEvent, InboundRunContext } from '../../jobs/inboundTypes';
import { OPEN_STATUSES } from '../../types/enums';
import type { Ticket } from '../../types/tickets';
import { parseMessagePayload, type ParsedMessage } from './messageParser';

type Payload = Record<string, unknown>;

/** An event's type and payload (WAHA's envelope: `event`, `payload`). */
export function envelope(event: InboundEvent): { type: string; raw: unknown; payload: Payload } {
  const env = (event.payload ?? {}) as Payload;
  const type = event.eventType ?? (typeof env.event === 'string' ? env.event : 'unknown');
  return { type, raw: env.payload, payload: (env.payload && typeof env.payload === 'object' ? env.payload : {}) as Payload };
}

/** A customer's message: the one kind of event that takes the chat's lock (and, with media or an @lid sender, calls WAHA). */
export function incoming(event: InboundEvent): ParsedMessage | null {
  const { type, raw } = envelope(event);
  const m = type === 'message' || type === 'message.any' ? parseMessagePayload(raw) : null;
  return m && !m.fromMe ? m : null;
}

/** Where a customer's message goes. */
export interface MessagePlace {
  /** The message, when we already hold it under this WAHA id. */
  known: { state: WaState; ticketId: string | null } | null;
  /** Otherwise the chat's open tickets, newest first. */
  open: Ticket[];
}

/** What the memo keeps of a message: enough for a twin (known) and an ack (id, ack, direction, state). */
export type MemoMessage = Pick<WaMessage, 'id' | 'state' | 'ticketId' | 'ack' | 'direction'>;

export class WaRunMemo {
  /** By WAHA id: the message held, or null (not held when the run began, nor written since). */
  readonly messages = new Map<string, MemoMessage | null>();
  /** By chat: its open tickets, newest first. */
  readonly chats = new Map<string, Ticket[]>();
  /** Notes (with their messages) left for the run's end, in arrival order, each with the ticket it joins. */
  private readonly notes: { note: RunNote; ticket: Ticket }[] = [];
  /** Acks on messages held before the run, left for its end: by message row id, the newest. */
  private readonly acks = new Map<string, RunAck>();
  /** The notes' messages by WAHA id: an ack for one of them goes into its row before it is written. */
  private readonly noteMessages = new Map<string, RunNote['message']>();

  /** Where the message goes, as the database says inside the run; undefined when the run did not read this chat and message. */
  place(chatId: string, wahaId: string): MessagePlace | undefined {
    const known = this.messages.get(wahaId);
    const open = this.chats.get(chatId);
    if (known === undefined || open === undefined) return undefined;
    return known ? { known: { state: known.state, ticketId: known.ticketId }, open: [] } : { known: null, open: [...open] };
  }

  /** The message held under this id (null: none); undefined when the run did not read it. */
  message(wahaId: string): MemoMessage | null | undefined {
    return this.messages.get(wahaId);
  }

  remember(wahaId: string, m: MemoMessage): void {
    this.messages.set(wahaId, m);
  }

  /** A note (and the message it records) written at the run's end. */
  deferNote(note: RunNote, ticket: Ticket): void {
    this.notes.push({ note, ticket });
    this.noteMessages.set(note.message.wahaId, note.message);
  }

  /** An ack written at the run's end: into its message's row when that is one of the run's notes. */
  deferAck(wahaId: string, a: RunAck): void {
    const pending = this.noteMessages.get(wahaId);
    if (pending) {
      pending.ack = a.ack;
      return;
    }
    this.acks.set(a.id, a);
  }

  /** Takes what was left for the run's end (to write it): the memo holds none of it afterwards. */
  takeDeferred(): { notes: { note: RunNote; ticket: Ticket }[]; acks: RunAck[] } {
    const out = { notes: this.notes.splice(0), acks: [...this.acks.values()] };
    this.acks.clear();
    this.noteMessages.clear();
    return out;
  }

  /** A ticket this run opened from a chat's message: the chat's next message finds it open. */
  opened(chatId: string, ticket: Ticket): void {
    this.chats.set(chatId, [ticket, ...(this.chats.get(chatId) ?? [])]);
  }
}

export function memoOf(run: InboundRunContext | undefined): WaRunMemo | null {
  return run?.memo instanceof WaRunMemo ? run.memo : null;
}

/**
 * Where a customer's message goes: from its run's memo, or (an event run on its own: media, an @lid sender, a run
 * replayed one event at a time) read for this event alone with the same two statements.
 */
export async function placeOfMessage(tx: Queryable, event: InboundEvent, m: ParsedMessage, run: InboundRunContext | undefined): Promise<MessagePlace> {
  const inRun = memoOf(run)?.place(m.chatId, m.id);
  if (inRun) return inRun;
  const alone = (await prefetchWhatsappRun(tx, [event])).place(m.chatId, m.id);
  // The event's own message and chat are what its prefetch reads: never missing.
  if (!alone) throw new Error(`WhatsApp message ${m.id} was not read with its event`);
  return alone;
}

/** The inbound worker's prefetch for a run: two statements, whatever the run's length. */
export async function prefetchWhatsappRun(tx: Queryable, events: readonly InboundEvent[]): Promise<WaRunMemo> {
  const memo = new WaRunMemo();
  const ids = new Set<string>();
  const chats = new Set<string>();
  for (const e of events) {
    const m = incoming(e);
    if (m) {
      ids.add(m.id);
      chats.add(m.chatId);
      continue;
    }
    const { type, payload } = envelope(e);
    if (type === 'message.ack' && typeof payload.id === 'string') ids.add(payload.id);
  }
  for (const id of ids) memo.messages.set(id, null);
  for (const m of await findWaMessagesByWahaIds(tx, [...ids])) if (m.wahaId) memo.messages.set(m.wahaId, m);
  for (const [chat, open] of await openTicketsOfChats(tx, [...chats], OPEN_STATUSES)) memo.chats.set(chat, open);
  return memo;
}
