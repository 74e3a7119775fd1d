// The dashboard counters (migration 0030) against a full scan of the rows, after every kind of write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOpenTickets, countPerDay, countSlaStates, readFlowCounters, readOpenCounters, rebuildTicketCounters } from '@/src/modules/ticketing/db/statsRepo';
import { foldOpenCounters } from '@/src/modules/ticketing/services/statsService';
import { createTestDb, type TestDb } from '../../../helpers/db';

let tdb: TestDb;
const since = new Date('2026-01-01T00:00:00Z');
const tz = 'Africa/Johannesburg';

async function expectCountersMatchRows(): Promise<void> {
  const counted = foldOpenCounters(await readOpenCounters(tdb.db));
  expect(counted.open).toEqual(await countOpenTickets(tdb.db, null));
  expect(counted.sla).toEqual(await countSlaStates(tdb.db, null));
  expect(await readFlowCounters(tdb.db, since, tz)).toEqual(await countPerDay(tdb.db, since, tz, null));
}

beforeAll(async () => {
  tdb = await createTestDb();
});
afterAll(async () => {
  await tdb.drop();
});

describe('dashboard counters kept by the tickets trigger', () => {
  it('count inserts of every status, including ones created already resolved or deleted', async () => {
    await tdb.db.exec(`
      INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, created_at, resolved_at, deleted_at, sla_paused)
      SELECT 'FF-' || lpad(g::text, 6, '0'), (ARRAY['qcontact','whatsapp','email','internal'])[1 + g % 4], 'fault',
             (ARRAY['low','medium','high','critical'])[1 + g % 4],
             (ARRAY['new','assigned','in_progress','blocked','resolved','closed','cancelled','pending_approval'])[1 + g % 8],
             'Counter ticket', TIMESTAMPTZ '2026-03-01 21:50Z' + (g || ' hours')::interval,
             CASE WHEN g % 8 IN (4, 5) THEN TIMESTAMPTZ '2026-03-02 22:10Z' + (g || ' hours')::interval END,
             CASE WHEN g % 13 = 0 THEN now() END, g % 5 = 0
        FROM generate_series(1, 400) g`);
    await expectCountersMatchRows();
    const total = foldOpenCounters(await readOpenCounters(tdb.db));
    expect(Object.values(total.open.byStatus).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });

  it('move a ticket between groups on status, priority, SLA threshold and pause changes, and drop it on close', async () => {
    await tdb.db.exec(`UPDATE tickets SET status = 'in_progress' WHERE status = 'new' AND ticket_uid < 'FF-000100'`);
    await tdb.db.exec(`UPDATE tickets SET priority = 'critical', sla_warning_at = now() WHERE ticket_uid LIKE 'FF-0001%'`);
    await tdb.db.exec(`UPDATE tickets SET sla_escalated_at = now() WHERE ticket_uid LIKE 'FF-00011%'`);
    await tdb.db.exec(`UPDATE tickets SET sla_breached_at = now(), sla_paused = NOT sla_paused WHERE ticket_uid LIKE 'FF-000111%'`);
    await tdb.db.exec(`UPDATE tickets SET title = 'Only the title' WHERE ticket_uid LIKE 'FF-0002%'`);
    await tdb.db.exec(`UPDATE tickets SET status = 'resolved', resolved_at = created_at + interval '3 days' WHERE status = 'blocked'`);
    await tdb.db.exec(`UPDATE tickets SET status = 'closed', closed_at = now() WHERE status = 'resolved' AND ticket_uid < 'FF-000200'`);
    await expectCountersMatchRows();
  });

  it('follow reopening, soft delete and undelete, a moved creation time, and a hard delete', async () => {
    await tdb.db.exec(`UPDATE tickets SET status = 'in_progress', resolved_at = NULL WHERE status = 'resolved' AND ticket_uid > 'FF-000300'`);
    await tdb.db.exec(`UPDATE tickets SET deleted_at = now() WHERE ticket_uid LIKE 'FF-0003%'`);
    await tdb.db.exec(`UPDATE tickets SET deleted_at = NULL WHERE ticket_uid LIKE 'FF-00031%'`);
    await tdb.db.exec(`UPDATE tickets SET created_at = created_at - interval '40 days' WHERE ticket_uid LIKE 'FF-0000%'`);
    await tdb.db.exec(`DELETE FROM tickets WHERE ticket_uid LIKE 'FF-00039%'`);
    await expectCountersMatchRows();
  });

  it('keep nothing from a rolled-back transaction', async () => {
    const before = await readOpenCounters(tdb.db);
    await expect(
      tdb.db.transaction(async (tx) => {
        await tx.query(`UPDATE tickets SET status = 'cancelled' WHERE status = 'in_progress'`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await readOpenCounters(tdb.db)).toEqual(before);
    await expectCountersMatchRows();
  });

  it('put all of one transaction\'s changes in one slot (two transactions changing several tickets rarely deadlock)', async () => {
    const snapshot = async () => (await tdb.db.query<{ k: string; n: string }>(
      `SELECT status || '/' || source || '/' || priority || '/' || sla_state || '/' || paused || '/' || slot AS k, n FROM ticket_open_counts
       UNION ALL SELECT 'flow/' || bucket || '/' || slot, (created * 1000 + resolved)::bigint FROM ticket_flow_counts`)).rows;
    const before = new Map((await snapshot()).map((r) => [r.k, String(r.n)]));
    // Several changes in one transaction: a creation, two status changes, a resolution (open and flow counters).
    const slot = await tdb.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900001', 'internal', 'fault', 'low', 'new', 'One slot')`);
      await tx.query(`UPDATE tickets SET status = 'assigned' WHERE ticket_uid IN ('FF-900001', 'FF-000002')`);
      await tx.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE ticket_uid = 'FF-900001'`);
      return Number((await tx.query<{ s: number }>('SELECT (txid_current() % 4)::int AS s')).rows[0].s);
    });
    const changed = (await snapshot()).filter((r) => before.get(r.k) !== String(r.n)).map((r) => r.k);
    expect(changed.length).toBeGreaterThan(2);
    expect(new Set(changed.map((k) => k.split('/').pop()))).toEqual(new Set([String(slot)]));
    await expectCountersMatchRows();
  });

  it('rebuild from the rows to the same figures, in one slot per group', async () => {
    const before = foldOpenCounters(await readOpenCounters(tdb.db));
    const flow = await readFlowCounters(tdb.db, since, tz);
    await tdb.db.transaction((tx) => rebuildTicketCounters(tx));
    expect(foldOpenCounters(await readOpenCounters(tdb.db))).toEqual(before);
    expect(await readFlowCounters(tdb.db, since, tz)).toEqual(flow);
    const { rows } = await tdb.db.query<{ slots: string }>('SELECT count(DISTINCT slot) AS slots FROM ticket_open_counts');
    expect(Number(rows[0].slots)).toBe(1);
  });
});
