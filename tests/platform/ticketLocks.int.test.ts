// Row locks on tickets, on a real PostgreSQL server (PGlite is one connection: no two transactions at once). A ticket
// locked for an update keeps other writers waiting, but a statement that only points at it (an inbound event settled
// with its ticket, a note) goes through: that lock was FOR UPDATE once, and made the worker's outcome statement the
// victim of deadlocks with the repeat-fault job.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/src/lib/db';
import { insertTicket, lockTicket } from '@/src/modules/ticketing/db/ticketRepo';
import { createServerTestDb, type TestDb } from '../helpers/db';

let tdb: TestDb & { url: string };
let db: Db;
let other: pg.Client;

beforeAll(async () => {
  tdb = await createServerTestDb('ff_locks');
  db = tdb.db;
  other = new pg.Client({ connectionString: tdb.url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await tdb?.drop();
});

describe('a locked ticket', () => {
  it('keeps other writers waiting and lets statements that only refer to it through', async () => {
    const id = await insertTicket(db, { ticketUid: 'FF-900001', source: 'internal', ticketType: 'fault', priority: 'medium', status: 'new', title: 'Locked', createdAt: new Date() });
    await db.transaction(async (tx) => {
      expect((await lockTicket(tx, id))?.ticketUid).toBe('FF-900001');
      await other.query("SET lock_timeout = '2s'");
      // An event settled with this ticket: its foreign key check takes a key-share lock on the row.
      const ev = await other.query("INSERT INTO inbound_events (source, external_id, payload, ticket_id) VALUES ('test', 'lock-1', '{}', $1) RETURNING id", [id]);
      expect(ev.rowCount).toBe(1);
      await other.query("SET lock_timeout = '200ms'");
      await expect(other.query('SELECT id FROM tickets WHERE id = $1 FOR NO KEY UPDATE', [id])).rejects.toMatchObject({ code: '55P03' });
      await expect(other.query('UPDATE tickets SET title = $2 WHERE id = $1', [id, 'Changed meanwhile'])).rejects.toMatchObject({ code: '55P03' });
    });
    expect((await db.query<{ title: string }>('SELECT title FROM tickets WHERE id = $1', [id])).rows[0].title).toBe('Locked');
  });
});
