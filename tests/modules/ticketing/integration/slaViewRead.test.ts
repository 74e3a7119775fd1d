// The SLA view reads a ticket's SLA state from the same row as the ticket, and falls back to one read otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTicketByUid } from '@/src/modules/ticketing/db/ticketRepo';
import { attachSlaViews } from '@/src/modules/ticketing/services/sla/slaView';
import type { Ticket } from '@/src/modules/ticketing/types/tickets';
import { createTestDb, type TestDb } from '../../../helpers/db';

let tdb: TestDb;
const now = new Date('2026-11-25T12:00:00Z');

beforeAll(async () => {
  tdb = await createTestDb();
  await tdb.db.query(
    `INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, created_at, sla_source, sla_business_hours,
                          sla_resolution_seconds, due_at)
     VALUES ('FF-000001', 'internal', 'fault', 'high', 'in_progress', 'Read together', '2026-11-25T08:00:00Z', 'config', false, 28800,
             '2026-11-25T16:00:00Z')`,
  );
});
afterAll(async () => {
  await tdb.drop();
});

describe('attachSlaViews', () => {
  it('gives the same view from the state read with the ticket and from a separate read of a copied ticket', async () => {
    const counting = { ...tdb.db, queries: 0 };
    const db = { ...tdb.db, query: (sql: string, params?: readonly unknown[]) => ((counting.queries += 1), tdb.db.query(sql, params)) } as typeof tdb.db;
    const read = (await findTicketByUid(tdb.db, 'FF-000001')) as Ticket;
    const [together] = await attachSlaViews(db, [read], now);
    expect(counting.queries).toBe(0);
    const [apart] = await attachSlaViews(db, [{ ...read }], now);
    expect(counting.queries).toBe(1);
    expect(apart.sla).toEqual(together.sla);
    expect(together.sla).toMatchObject({ state: 'on_track', percentElapsed: 50 });
  });
});
