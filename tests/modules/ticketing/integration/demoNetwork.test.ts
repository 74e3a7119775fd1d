// The demo shows the network features: one pole with repeated faults and its open infrastructure ticket, and one
// mass incident whose children wait (SLA paused) under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootLogger } from '@/src/lib/logger';
import { seedDemo } from '@/src/modules/ticketing/seed';
import { DEMO_HOT_POLE } from '@/src/modules/ticketing/seed/demoNetwork';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { testConfig } from '../../../helpers/server';

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo({ db: tdb.db, config: testConfig(), log: rootLogger().child({}, { level: 'silent' }), now: new Date('2026-11-25T10:00:00Z') });
});
afterAll(async () => tdb.drop());

describe('network demo data', () => {
  it('has one repeat-fault pole with an open high-priority infrastructure ticket', async () => {
    const { rows } = await tdb.db.query<{ fault_count: number; priority: string; title: string }>(
      `SELECT a.fault_count, t.priority, t.title FROM network_element_alerts a JOIN tickets t ON t.id = a.ticket_id
        WHERE a.open AND a.element_kind = 'pole' AND a.element_key = $1`,
      [DEMO_HOT_POLE],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].priority).toBe('high');
    expect(rows[0].title).toMatch(new RegExp(`^Repeat faults on pole ${DEMO_HOT_POLE.replace(/\./g, '\\.')}: \\d+ in 30 days$`));
    // The three new faults, plus earlier demo faults on the same drops inside the window.
    expect(Number(rows[0].fault_count)).toBeGreaterThanOrEqual(3);
  });

  it('has one mass incident with three children whose SLA clocks are paused for it; repeat-fault tickets lead their open faults', async () => {
    const { rows } = await tdb.db.query<{ ticket_uid: string; category: string | null; children: number; paused: number }>(
      `SELECT p.ticket_uid, p.category, count(c.id)::int AS children, count(c.id) FILTER (WHERE c.sla_paused)::int AS paused
         FROM tickets p JOIN tickets c ON c.parent_ticket_id = p.id GROUP BY p.ticket_uid, p.category`,
    );
    const incidents = rows.filter((r) => r.category !== 'repeat_fault');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ children: 3, paused: 3 });
    const repeat = rows.filter((r) => r.category === 'repeat_fault');
    expect(repeat.length).toBeGreaterThan(0);
    expect(repeat.every((r) => r.paused === r.children)).toBe(true);
  });
});
