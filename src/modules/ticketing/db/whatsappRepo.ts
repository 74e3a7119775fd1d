// SQL for the WhatsApp conversation: messages in and out of a chat, their WAHA ids, delivery state and the unmatched queue.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '@/src/lib/db';
import type { NoteFollowUp } from './noteRepo';

export type WaState = 'received' | 'unmatched' | 'dismissed' | 'pending' | 'sent' | 'failed';

export interface WaMedia {
  mimetype: string | null;
  filename: string | null;
  attachmentId?: string | null;
  error?: string | null;
}

export interface WaMessage {
  id: string;
  chatId: string;
  wahaId: string | null;
  direction: 'in' | 'out';
  state: WaState;
  ticketId: string | null;
  ticketUid: string | null;
  noteId: string | null;
  inboundEventId: string | null;
  outboxId: string | null;
  notificationId: string | null;
  sender: string | null;
  senderName: string | null;
  isGroup: boolean;
  body: string;
  replyTo: string | null;
  media: WaMedia | null;
  ack: number | null;
  error: string | null;
  editedBody: string | null;
  editedAt: string | null;
  revokedAt: string | null;
  sentByName: string | null;
  createdAt: string;
}

const COLS = `m.id, m.chat_id, m.waha_id, m.direction, m.state, m.ticket_id, t.ticket_uid, m.note_id, m.inbound_event_id, m.outbox_id,
  m.notification_id, m.sender, m.sender_name, m.is_group, m.body, m.reply_to, m.media, m.ack, m.error, m.edited_body, m.edited_at,
  m.revoked_at, m.sent_by_name, m.created_at`;
const FROM = 'FROM whatsapp_messages m LEFT JOIN tickets t ON t.id = m.ticket_id';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function map(r: Record<string, unknown>): WaMessage {
  return {
    id: String(r.id), chatId: String(r.chat_id), wahaId: (r.waha_id as string) ?? null, direction: r.direction as WaMessage['direction'],
    state: r.state as WaState, ticketId: (r.ticket_id as string) ?? null, ticketUid: (r.ticket_uid as string) ?? null,
    noteId: (r.note_id as string) ?? null, inboundEventId: (r.inbound_event_id as string) ?? null, outboxId: (r.outbox_id as string) ?? null,
    notificationId: (r.notification_id as string) ?? null, sender: (r.sender as string) ?? null, senderName: (r.sender_name as string) ?? null,
    isGroup: Boolean(r.is_group), body: String(r.body), replyTo: (r.reply_to as string) ?? null, media: (r.media as WaMedia) ?? null,
    ack: r.ack === null || r.ack === undefined ? null : Number(r.ack), error: (r.error as string) ?? null,
    editedBody: (r.edited_body as string) ?? null, editedAt: iso(r.edited_at), revokedAt: iso(r.revoked_at),
    sentByName: (r.sent_by_name as string) ?? null, createdAt: iso(r.created_at) as string,
  };
}

export interface WaMessageWrite {
  /** Chosen by the caller when it must know the row before the insert answers (default: a new random UUID). */
  id?: string;
  chatId: string;
  wahaId?: string | null;
  wahaKey?: string | null;
  direction: 'in' | 'out';
  state: WaState;
  ticketId?: string | null;
  noteId?: string | null;
  inboundEventId?: string | null;
  notificationId?: string | null;
  sender?: string | null;
  senderName?: string | null;
  isGroup?: boolean;
  body: string;
  replyTo?: string | null;
  media?: WaMedia | null;
  ack?: number | null;
  sentBy?: string | null;
  sentByName?: string | null;
  at: Date;
}

const WA_INSERT_COLUMNS = `id, chat_id, waha_id, waha_key, direction, state, ticket_id, note_id, inbound_event_id, notification_id,
       sender, sender_name, is_group, body, reply_to, media, ack, sent_by, sent_by_name, created_at, updated_at`;
/** Where note_id sits in waValues (the statement that writes the note fills it from the note it inserts). */
const NOTE_ID_AT = 7;

/** The values of WA_INSERT_COLUMNS but the last (updated_at is created_at, the last value). */
function waValues(m: WaMessageWrite): unknown[] {
  return [m.id ?? randomUUID(), m.chatId, m.wahaId ?? null, m.wahaKey ?? null, m.direction, m.state, m.ticketId ?? null, m.noteId ?? null,
    m.inboundEventId ?? null, m.notificationId ?? null, m.sender ?? null, m.senderName ?? null, m.isGroup ?? false, m.body, m.replyTo ?? null,
    m.media ? JSON.stringify(m.media) : null, m.ack ?? null, m.sentBy ?? null, m.sentByName ?? null, m.at];
}

export async function insertWaMessage(q: Queryable, m: WaMessageWrite): Promise<string> {
  const values = waValues(m);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO whatsapp_messages (${WA_INSERT_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, $${values.length}) RETURNING id`,
    values,
  );
  return rows[0].id;
}

/**
 * The message as part of the statement that writes its note (insertNoteOnTicket's `also`): note_id is the new note's
 * (the CTE n), the values numbered from `first`.
 */
export function waMessageAfterNote(m: Omit<WaMessageWrite, 'noteId'>): NoteFollowUp {
  const values = waValues(m);
  const params = values.filter((_, i) => i !== NOTE_ID_AT);
  return {
    params,
    sql: (first) => {
      const refs = values.map((_, i) => (i === NOTE_ID_AT ? 'n.id' : `$${first + (i < NOTE_ID_AT ? i : i - 1)}`));
      return `INSERT INTO whatsapp_messages (${WA_INSERT_COLUMNS}) SELECT ${[...refs, `$${first + params.length - 1}`].join(', ')} FROM n`;
    },
  };
}

export async function findWaMessage(q: Queryable, id: string): Promise<WaMessage | null> {
  const { rows } = await q.query<Record<string, unknown>>(`SELECT ${COLS} ${FROM} WHERE m.id = $1`, [id]);
  return rows[0] ? map(rows[0]) : null;
}

/** By WAHA's full id, or by the bare id edits, revokes and quotes use. */
export async function findWaMessageByWahaId(q: Queryable, wahaId: string, bareKey?: string): Promise<WaMessage | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${COLS} ${FROM} WHERE m.waha_id = $1 OR ($2::text IS NOT NULL AND m.waha_key = $2) ORDER BY m.created_at LIMIT 1`,
    [wahaId, bareKey ?? null],
  );
  return rows[0] ? map(rows[0]) : null;
}

/** The messages held under any of these WAHA ids (a run of events read at once). */
export async function findWaMessagesByWahaIds(q: Queryable, wahaIds: readonly string[]): Promise<WaMessage[]> {
  if (wahaIds.length === 0) return [];
  const { rows } = await q.query<Record<string, unknown>>(`SELECT ${COLS} ${FROM} WHERE m.waha_id = ANY($1::text[])`, [[...wahaIds]]);
  return rows.map(map);
}

/** An outbound message we queued but whose WAHA id we never learned (a send that timed out), matched by chat and text. */
export async function findUnconfirmedSend(q: Queryable, chatId: string, body: string): Promise<WaMessage | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${COLS} ${FROM} WHERE m.chat_id = $1 AND m.direction = 'out' AND m.waha_id IS NULL AND m.body = $2 ORDER BY m.created_at LIMIT 1`,
    [chatId, body],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function listTicketMessages(q: Queryable, ticketId: string): Promise<WaMessage[]> {
  const { rows } = await q.query<Record<string, unknown>>(`SELECT ${COLS} ${FROM} WHERE m.ticket_id = $1 ORDER BY m.created_at, m.seq`, [ticketId]);
  return rows.map(map);
}

export async function listUnmatched(q: Queryable, limit: number, offset: number): Promise<WaMessage[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${COLS} ${FROM} WHERE m.state = 'unmatched' ORDER BY m.created_at, m.seq LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return rows.map(map);
}

export async function countUnmatched(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM whatsapp_messages WHERE state = 'unmatched'");
  return Number(rows[0].n);
}

/** The chat a ticket's conversation runs in (its latest message's chat). */
export async function chatOfTicket(q: Queryable, ticketId: string): Promise<string | null> {
  const { rows } = await q.query<{ chat_id: string }>('SELECT chat_id FROM whatsapp_messages WHERE ticket_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1', [ticketId]);
  return rows[0]?.chat_id ?? null;
}

export async function attachMessage(q: Queryable, id: string, a: { ticketId: string; noteId: string; state: WaState; media?: unknown }, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE whatsapp_messages SET ticket_id = $2, note_id = $3, state = $4, updated_at = $5, media = COALESCE($6, media) WHERE id = $1 AND state = 'unmatched'`,
    [id, a.ticketId, a.noteId, a.state, now, a.media === undefined ? null : JSON.stringify(a.media)],
  );
  return rowCount === 1;
}

export async function setMessageState(q: Queryable, id: string, s: { state: WaState; error?: string | null; outboxId?: string | null; noteId?: string | null }, now: Date): Promise<void> {
  await q.query(
    `UPDATE whatsapp_messages SET state = $2, error = $3, outbox_id = COALESCE($4, outbox_id), note_id = COALESCE($5, note_id), updated_at = $6 WHERE id = $1`,
    [id, s.state, s.error ?? null, s.outboxId ?? null, s.noteId ?? null, now],
  );
}

/** Records WAHA's id for our send (so acks and echoes find it) and marks it sent; the ack never moves backwards. */
export async function recordSent(q: Queryable, id: string, wahaId: string | null, wahaKey: string | null, ack: number | null, now: Date): Promise<void> {
  await q.query(
    `UPDATE whatsapp_messages SET waha_id = COALESCE(waha_id, $2), waha_key = COALESCE(waha_key, $3), state = 'sent', error = NULL,
            ack = CASE WHEN $4::smallint IS NULL THEN ack ELSE GREATEST(COALESCE(ack, $4::smallint), $4::smallint) END, updated_at = $5
      WHERE id = $1`,
    [id, wahaId, wahaKey, ack, now],
  );
}

/** Why a message we sent shows as failed after WhatsApp's ERROR ack. */
export const ACK_ERROR = 'WhatsApp reported an error delivering this message';

/**
 * The SET list of a delivery state update: nextAck (messageParser) in SQL, applied to the row as it is when the update
 * runs, so two workers applying acks of one message at once never move it backwards. ERROR before anything was
 * delivered fails a message we sent (with `error`); a pending send becomes sent. `row` is the table's alias.
 */
export function ackAssignments(row: string, ack: string, error: string, at: string): string {
  const next = `CASE WHEN ${row}.ack IS NULL THEN ${ack} WHEN ${ack} = -1 THEN CASE WHEN ${row}.ack <= 0 THEN -1 ELSE ${row}.ack END ELSE GREATEST(${row}.ack, ${ack}) END`;
  const failed = `(${next}) = -1 AND ${row}.direction = 'out'`;
  return `ack = ${next}, state = CASE WHEN ${failed} THEN 'failed' WHEN ${row}.state = 'pending' THEN 'sent' ELSE ${row}.state END,
          error = CASE WHEN ${failed} THEN ${error} ELSE ${row}.error END, updated_at = ${at}`;
}

export async function setAck(q: Queryable, id: string, ack: number, now: Date): Promise<void> {
  await q.query(`UPDATE whatsapp_messages w SET ${ackAssignments('w', '$2::smallint', '$3::text', '$4')} WHERE w.id = $1`, [id, ack, ACK_ERROR, now]);
}

export async function markEdited(q: Queryable, id: string, body: string, now: Date): Promise<void> {
  await q.query('UPDATE whatsapp_messages SET edited_body = $2, edited_at = $3, updated_at = $3 WHERE id = $1', [id, body, now]);
}

export async function markRevoked(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE whatsapp_messages SET revoked_at = COALESCE(revoked_at, $2), updated_at = $2 WHERE id = $1', [id, now]);
}

/** The advisory lock key of a chat (lockChat; the inbound worker takes it up front for a run of events). */
export const chatLockKey = (chatId: string): string => `whatsapp:${chatId}`;

/** Serialises all work on one chat across workers (two messages of a chat never both open a ticket). */
export async function lockChat(tx: Queryable, chatId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [chatLockKey(chatId)]);
}

/** Forgets a send WhatsApp reported as failed after accepting it, so the message can be sent again. */
export async function clearSentId(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE whatsapp_messages SET waha_id = NULL, waha_key = NULL, ack = NULL WHERE id = $1', [id]);
}

export interface ReporterTicket {
  id: string;
  ticketUid: string;
  status: string;
  drNumber: string | null;
  reporterPhone: string | null;
  createdAt: string;
  /** The technician's expected arrival, when set. */
  etaAt: string | null;
}

/** Open tickets whose reporter phone, as digits, is one of `phones` (optionally on one drop), newest first. */
export async function openTicketsOfReporter(
  q: Queryable,
  f: { phones: readonly string[]; drNumber: string | null; openStatuses: readonly string[]; limit: number },
): Promise<ReporterTicket[]> {
  const { rows } = await q.query<{ id: string; ticket_uid: string; status: string; dr_number: string | null; reporter_phone: string | null; created_at: Date | string; eta_at: Date | string | null }>(
    `SELECT t.id, t.ticket_uid, t.status, t.dr_number, t.reporter_phone, t.created_at, t.eta_at FROM tickets t
      WHERE t.deleted_at IS NULL AND t.status = ANY($1::text[]) AND t.reporter_phone IS NOT NULL
        AND regexp_replace(t.reporter_phone, '[^0-9]', '', 'g') = ANY($2::text[]) AND ($3::text IS NULL OR t.dr_number = $3)
      ORDER BY t.created_at DESC, t.id LIMIT $4`,
    [[...f.openStatuses], [...f.phones], f.drNumber, f.limit],
  );
  return rows.map((r) => ({
    id: r.id, ticketUid: r.ticket_uid, status: r.status, drNumber: r.dr_number, reporterPhone: r.reporter_phone, createdAt: new Date(r.created_at).toISOString(),
    etaAt: r.eta_at === null ? null : new Date(r.eta_at).toISOString(),
  }));
}
