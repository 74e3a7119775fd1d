// The writes a run of WhatsApp events leaves for its end (see integrations/whatsapp/runWrites.ts): every conversation
// note the run's messages became, with the message each one records, its "note_added" history row and its ticket's
// bump, and every ack on a message held before the run, in one statement whatever the run's length.
import type { Queryable } from '@/src/lib/db';
import { NOTE_BUMP_COALESCE } from './noteRepo';
import { ACK_ERROR, ackAssignments } from './whatsappRepo';

/** A customer's message joining a ticket: the note and the message row it records (ids chosen by the caller). */
export interface RunNote {
  noteId: string;
  ticketId: string;
  body: string;
  authorName: string;
  at: Date;
  message: {
    id: string;
    chatId: string;
    wahaId: string;
    wahaKey: string | null;
    inboundEventId: string;
    sender: string | null;
    senderName: string | null;
    isGroup: boolean;
    body: string;
    replyTo: string | null;
    /** Set when an ack for the message came later in the same run. */
    ack: number | null;
  };
}

/** An ack on a message held before the run (the newest the run saw; applied as nextAck to the row, see ackAssignments). */
export interface RunAck {
  id: string;
  ack: number;
  at: Date;
}

/** Every array of `notes` in column order, for unnest (one parameter per column, whatever the run's length). */
function noteColumns(notes: readonly RunNote[]): unknown[] {
  const col = <T>(f: (n: RunNote) => T) => notes.map(f);
  return [
    col((n) => n.noteId), col((n) => n.ticketId), col((n) => n.body), col((n) => n.authorName), col((n) => n.at),
    col((n) => n.message.id), col((n) => n.message.chatId), col((n) => n.message.wahaId), col((n) => n.message.wahaKey),
    col((n) => n.message.inboundEventId), col((n) => n.message.sender), col((n) => n.message.senderName), col((n) => n.message.isGroup),
    col((n) => n.message.body), col((n) => n.message.replyTo), col((n) => n.message.ack),
  ];
}

const NOTES = `v AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::text[], $8::text[],
                     $9::text[], $10::uuid[], $11::text[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::smallint[])
                WITH ORDINALITY AS v(note_id, ticket_id, body, author_name, at, message_id, chat_id, waha_id, waha_key, inbound_event_id,
                                     sender, sender_name, is_group, message_body, reply_to, ack, ord)),
  n AS (INSERT INTO ticket_notes (id, ticket_id, note_type, channel, body, author_id, author_name, created_at)
        SELECT note_id, ticket_id, 'external', 'whatsapp', body, NULL, author_name, at FROM v ORDER BY ord),
  l AS (SELECT t.id FROM tickets t WHERE t.id IN (SELECT ticket_id FROM v) AND t.deleted_at IS NULL
         ORDER BY t.created_at, t.ticket_uid, t.id FOR NO KEY UPDATE),
  t AS (UPDATE tickets SET version = version + c.notes,
               updated_at = CASE WHEN updated_at > c.last - interval '${NOTE_BUMP_COALESCE}' THEN updated_at ELSE c.last END
          FROM (SELECT ticket_id, count(*)::int AS notes, max(at) AS last FROM v GROUP BY ticket_id) c
         WHERE tickets.id = c.ticket_id AND tickets.id IN (SELECT id FROM l)),
  h AS (INSERT INTO ticket_history (ticket_id, actor_id, actor_name, action, details, created_at)
        SELECT ticket_id, NULL, $17, 'note_added', jsonb_build_object('noteId', note_id, 'noteType', 'external', 'channel', 'whatsapp'), at
          FROM v ORDER BY ord),
  m AS (INSERT INTO whatsapp_messages (id, chat_id, waha_id, waha_key, direction, state, ticket_id, note_id, inbound_event_id, sender,
                                       sender_name, is_group, body, reply_to, ack, created_at, updated_at)
        SELECT message_id, chat_id, waha_id, waha_key, 'in', 'received', ticket_id, note_id, inbound_event_id, sender, sender_name,
               is_group, message_body, reply_to, ack, at, at FROM v ORDER BY ord)`;

const ACKS = `a AS (UPDATE whatsapp_messages w SET ${ackAssignments('w', 'x.ack', '$21::text', 'x.at')}
          FROM unnest($18::uuid[], $19::smallint[], $20::timestamptz[]) AS x(id, ack, at)
         WHERE w.id = x.id)`;

/**
 * The tickets are locked first, in the order every job that locks many tickets uses (created_at, ticket_uid, id, as
 * incidentRepo does), so a run and the repeat-fault job linking tickets to an incident never wait on each other in a
 * circle. Writes a run's notes (each with its message, history row and ticket bump: a ticket with several notes moves its
 * version by as many) and its acks, in one statement. A note moves its ticket's updated time only when that time is
 * older than NOTE_BUMP_COALESCE before the run's last note on it, as insertNoteOnTicket does note by note.
 */
export async function writeRun(q: Queryable, notes: readonly RunNote[], acks: readonly RunAck[], actorName: string): Promise<void> {
  if (notes.length === 0 && acks.length === 0) return;
  const ackCols = [acks.map((a) => a.id), acks.map((a) => a.ack), acks.map((a) => a.at)];
  await q.query(`WITH ${NOTES}, ${ACKS} SELECT 1`, [...noteColumns(notes), actorName, ...ackCols, ACK_ERROR]);
}
