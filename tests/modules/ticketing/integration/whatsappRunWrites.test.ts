// A run of WhatsApp events in one transaction writes its notes (with their messages, history and ticket bumps) and
// its acks in one statement at its end, and first whenever an event in the run reads those rows (an edit, a revoke).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '@/src/lib/db';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { ACK_ERROR, insertWaMessage, setAck } from '@/src/modules/ticketing/db/whatsappRepo';
import { writeRun } from '@/src/modules/ticketing/db/whatsappRunWrites';
import { whatsappWorld, type WhatsappWorld } from './whatsappFixture';

let w: WhatsappWorld;
beforeAll(async () => {
  w = await whatsappWorld();
});
afterAll(async () => w.close());
beforeEach(async () => {
  await w.tdb.db.query("UPDATE tickets SET status = 'closed' WHERE status <> 'closed'");
});

interface Msg { id: string; body: string; ack: number | null; editedBody: string | null; revokedAt: string | null }

let chatSeq = 300;
const newChat = () => `2782777${String((chatSeq += 1)).padStart(4, '0')}@c.us`;
const conversation = async (uid: string) => (await w.as(w.users.agent).get<{ messages: Msg[] }>(`tickets-whatsapp?id=${uid}`)).body.data.messages;
// A second apart: the test clock stamps what arrives, and the worker takes events in arrival order.
const tick = () => w.clock.set(new Date(w.clock.now().getTime() + 1000));

/** One batch of the worker, every statement it sends recorded. */
async function runBatch(): Promise<{ claimed: number; processed: number; sql: string[] }> {
  const sql: string[] = [];
  const counted = (q: Queryable): Queryable => ({ query: (s, p) => (sql.push(s), q.query(s, p)), exec: (s) => (sql.push(s), q.exec(s)) });
  const db: Db = { ...w.tdb.db, ...counted(w.tdb.db), transaction: (fn) => w.tdb.db.transaction((tx) => fn(counted(tx))) };
  const r = await processInboundBatch({ ...w.deps(), db }, { random: () => 0, sources: ['whatsapp'] });
  return { ...r, sql };
}

/** A chat with a ticket opened by its first message (processed), and that message. */
async function openChat(): Promise<{ chat: string; dr: string; first: Record<string, unknown>; ticketId: string }> {
  const [dr, chat] = [await w.drop(), newChat()];
  const first = w.waha.message({ from: chat, body: `${dr} no signal` });
  await w.waha.push('message', first);
  await w.processInbound();
  const [t] = await w.rows<{ id: string }>('SELECT id FROM tickets WHERE ticket_uid = $1', [`${dr}-1`]);
  return { chat, dr, first, ticketId: t.id };
}

describe('a run of WhatsApp events', () => {
  it('writes its notes, their messages, history and ticket bumps, and its acks, in one statement at its end', async () => {
    const { chat, dr, first, ticketId } = await openChat();
    const [before] = await w.rows<{ version: number }>('SELECT version FROM tickets WHERE id = $1', [ticketId]);
    tick();
    await w.waha.push('message.ack', { id: first.id, from: chat, fromMe: false, ack: 3 });
    const joined = [1, 2, 3].map((n) => w.waha.message({ from: chat, notifyName: `Thandi ${n}`, body: `update ${n}` }));
    for (const m of joined) {
      tick();
      await w.waha.push('message', m);
    }
    tick();
    await w.waha.push('message.ack', { id: joined[1].id, from: chat, fromMe: false, ack: 4 });
    const r = await runBatch();
    expect(r).toMatchObject({ claimed: 5, processed: 5 });
    // One statement for the three notes and both acks: none per note, none per ack.
    expect(r.sql.filter((s) => s.includes('INSERT INTO ticket_notes')).length).toBe(1);
    expect(r.sql.filter((s) => /^\s*UPDATE whatsapp_messages/.test(s)).length).toBe(0);
    expect((await conversation(`${dr}-1`)).map((m) => [m.body, m.ack])).toEqual([[first.body, 3], ['update 1', null], ['update 2', 4], ['update 3', null]]);
    const [after] = await w.rows<{ version: number }>('SELECT version FROM tickets WHERE id = $1', [ticketId]);
    expect(after.version).toBe(before.version + 3);
    // Each note as one written alone: external, on the WhatsApp channel, by the sender, its history row naming it.
    const notes = await w.rows<{ id: string; body: string; note_type: string; channel: string; author_name: string; message_note: string | null; history: number }>(
      `SELECT n.id, n.body, n.note_type, n.channel, n.author_name, m.note_id AS message_note,
              (SELECT count(*)::int FROM ticket_history h WHERE h.ticket_id = n.ticket_id AND h.action = 'note_added' AND h.details->>'noteId' = n.id::text
                 AND h.details->>'channel' = 'whatsapp' AND h.actor_name = 'WhatsApp') AS history
         FROM ticket_notes n LEFT JOIN whatsapp_messages m ON m.note_id = n.id
        WHERE n.ticket_id = $1 AND n.body LIKE 'update %' ORDER BY n.created_at`,
      [ticketId],
    );
    expect(notes.map((n) => [n.body, n.note_type, n.channel, n.author_name, n.message_note === n.id, n.history])).toEqual(
      [1, 2, 3].map((n) => [`update ${n}`, 'external', 'whatsapp', `Thandi ${n}`, true, 1]),
    );
  });

  it('writes what it left for its end before an edit or a revoke in the same run reads the message', async () => {
    const { chat, dr } = await openChat();
    const m = w.waha.message({ from: chat, body: 'the light is red at 12 Main Road' });
    tick();
    await w.waha.push('message', m);
    const key = String(m.id).split('_')[2];
    tick();
    await w.waha.push('message.edited', { id: 'edit-in-run', from: chat, body: 'the light is red at 14 Main Road', editedMessageId: key });
    tick();
    await w.waha.push('message.revoked', { after: { id: 'y', from: chat }, revokedMessageId: key });
    const r = await runBatch();
    expect(r).toMatchObject({ claimed: 3, processed: 3 });
    const msg = (await conversation(`${dr}-1`)).find((x) => x.body.includes('12 Main Road'));
    expect(msg).toMatchObject({ body: 'the light is red at 12 Main Road', editedBody: 'the light is red at 14 Main Road' });
    expect(msg?.revokedAt).toBeTruthy();
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.ticket_uid = $1 AND h.action IN ('whatsapp_message_edited', 'whatsapp_message_revoked')", [`${dr}-1`])).toBe(2);
  });

  it('rolls back when its end write fails and runs its events one at a time, losing none and writing none twice', async () => {
    const { chat, dr, ticketId } = await openChat();
    // A statement writing more than one note fails (as a full disk or a bad row would): the run's end write does.
    await w.tdb.db.exec(`CREATE FUNCTION one_note_at_a_time() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF (SELECT count(*) FROM added) > 1 THEN RAISE EXCEPTION 'one note at a time'; END IF; RETURN NULL; END $$;
      CREATE TRIGGER one_note_at_a_time AFTER INSERT ON ticket_notes REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION one_note_at_a_time();`);
    try {
      for (const n of [1, 2, 3]) {
        tick();
        await w.waha.push('message', w.waha.message({ from: chat, body: `again ${n}` }));
      }
      const r = await runBatch();
      expect(r).toMatchObject({ claimed: 3, processed: 3 });
      // The run's end write was tried once and rolled back; then each event wrote its own note.
      expect(r.sql.filter((s) => s.includes('INSERT INTO ticket_notes')).length).toBe(4);
    } finally {
      await w.tdb.db.exec('DROP TRIGGER one_note_at_a_time ON ticket_notes; DROP FUNCTION one_note_at_a_time();');
    }
    expect((await conversation(`${dr}-1`)).map((m) => m.body).filter((b) => b.startsWith('again'))).toEqual(['again 1', 'again 2', 'again 3']);
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1 AND body LIKE 'again %'", [ticketId])).toBe(3);
  });

  it('applies an ack to the row as it is when written: never backwards, ERROR only on a send not yet delivered', async () => {
    const { chat, ticketId } = await openChat();
    const at = w.clock.now();
    const ours = (state: 'pending' | 'sent', ack: number | null) => insertWaMessage(w.tdb.db, { chatId: chat, direction: 'out', state, ticketId, body: 'on our way', ack, at });
    const [undelivered, read, pending] = [await ours('pending', null), await ours('sent', 3), await ours('pending', null)];
    // Another worker wrote READ before this run's end write (which saw DELIVERED) or a late ERROR arrived: READ stays.
    await writeRun(w.tdb.db, [], [{ id: undelivered, ack: -1, at }, { id: read, ack: 2, at }, { id: pending, ack: 1, at }], 'WhatsApp');
    await setAck(w.tdb.db, read, -1, at);
    const rows = await w.rows<{ id: string; ack: number; state: string; error: string | null }>('SELECT id, ack, state, error FROM whatsapp_messages WHERE id = ANY($1::uuid[])', [[undelivered, read, pending]]);
    const byId = new Map(rows.map((r) => [r.id, { ack: r.ack, state: r.state, error: r.error }]));
    expect(byId.get(undelivered)).toEqual({ ack: -1, state: 'failed', error: ACK_ERROR });
    expect(byId.get(read)).toEqual({ ack: 3, state: 'sent', error: null });
    expect(byId.get(pending)).toEqual({ ack: 1, state: 'sent', error: null });
  });
});
