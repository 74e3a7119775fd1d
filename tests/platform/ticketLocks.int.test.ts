// Row locks on tickets, on a real PostgreSQL server (PGlite is one connection: no two transactions at once). A ticket
// locked for an update keeps other writers waiting, but a statement that only points at it (an inbound event settled
// with its ticket, a note) goes through: that lock was FOR UPDATE once, and made the worker's outcome statement the
// victim of deadlocks with the repeat-fault job.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate } from '@/src/lib/db/migrate';
import type { Db } from '@/src/lib/db';
import { insertTicket, lockTicket } from '@/src/modules/ticketing/db/ticketRepo';
import { serverUrl } from '../helpers/db';

// No skipping: without a reachable PostgreSQL server this suite fails; locally it uses 127.0.0.1:5432 when DATABASE_URL is unset.
const baseUrl = serverUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `ff_locks_${randomBytes(5).toString('hex')}`;
const url = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
let db: Db;
let other: pg.Client;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  db = createPgDb(url, 4);
  await migrate(db);
  other = new pg.Client({ connectionString: url });
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await db?.close();
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
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
