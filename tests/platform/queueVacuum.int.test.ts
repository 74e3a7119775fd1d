// The worker's queue housekeeping on a real PostgreSQL server (PGlite keeps no dead-row counters): once enough dead
// row versions pile up in inbound_events it is vacuumed, indexes included, by one process at a time; the migration
// gives the queue tables autovacuum settings of their own.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createPgDb, DEFAULT_DB_TIMEOUTS } from '@/src/lib/db/pg';
import { rootLogger } from '@/src/lib/logger';
import type { Db } from '@/src/lib/db';
import { acquireJobLease, releaseJobLease } from '@/src/modules/ticketing/db/integrationStateRepo';
import { queueTableRows } from '@/src/modules/ticketing/db/maintenanceRepo';
import { QUEUE_VACUUM_JOB, resetQueueVacuumPause, runQueueVacuum } from '@/src/modules/ticketing/jobs/queueVacuum';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import { createServerTestDb, type TestDb } from '../helpers/db';
import { testConfig } from '../helpers/server';

let tdb: TestDb & { url: string };
let db: Db;
let url: string;
const clock = new ManualClock('2026-11-29T08:00:00Z');
const deps = (threshold: number): OutboxDeps => ({ db, clock, config: { ...testConfig(), QUEUE_VACUUM_DEAD_ROWS: threshold }, log: rootLogger().child({}, { level: 'silent' }) });

beforeAll(async () => {
  tdb = await createServerTestDb('ff_vacuum');
  ({ db, url } = tdb);
});
afterAll(async () => {
  await tdb?.drop();
});

/** 300 events stored, claimed and settled on one connection, whose counters are then sent to the server. */
async function churn(): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("INSERT INTO inbound_events (source, external_id, payload) SELECT 'test', 'vac-' || g || '-' || md5(random()::text), '{}' FROM generate_series(1, 300) g");
    await c.query("UPDATE inbound_events SET status = 'processing', locked_by = 'w', attempts = attempts + 1 WHERE source = 'test' AND status = 'received'");
    await c.query("UPDATE inbound_events SET status = 'processed', locked_by = NULL WHERE source = 'test' AND status = 'processing'");
    await c.query('SELECT pg_stat_force_next_flush()');
  } finally {
    await c.end();
  }
}

async function deadIn(table: string): Promise<number> {
  return (await queueTableRows(db)).find((r) => r.table === table)?.dead ?? -1;
}

/** The counters arrive a moment after the connection reports them. */
async function waitForDead(atLeast: number): Promise<number> {
  for (let i = 0; i < 50; i += 1) {
    const n = await deadIn('inbound_events');
    if (n >= atLeast) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
  return deadIn('inbound_events');
}

describe('queue housekeeping', () => {
  it('vacuums inbound_events once its dead rows reach the threshold, and leaves it alone below it', async () => {
    await churn();
    expect(await waitForDead(600)).toBeGreaterThanOrEqual(600);
    // Below the threshold, or with the job off (0): nothing.
    expect(await runQueueVacuum(deps(1_000_000))).toEqual({ vacuumed: [] });
    expect(await runQueueVacuum(deps(0))).toEqual({ vacuumed: [] });
    expect(await deadIn('inbound_events')).toBeGreaterThanOrEqual(600);

    const r = await runQueueVacuum(deps(500));
    expect(r.vacuumed.map((v) => v.table)).toEqual(['inbound_events']);
    expect(r.vacuumed[0].dead).toBeGreaterThanOrEqual(600);
    expect(await deadIn('inbound_events')).toBe(0);
    const { rows } = await db.query<{ vacuum_count: string }>("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'inbound_events'");
    expect(Number(rows[0].vacuum_count)).toBe(1);
    // The lease is given back: the next run may vacuum again.
    expect((await db.query('SELECT 1 FROM job_leases WHERE name = $1', [QUEUE_VACUUM_JOB])).rowCount).toBe(0);
  });

  it('leaves the vacuum to the process holding the lease', async () => {
    await churn();
    await waitForDead(600);
    expect(await acquireJobLease(db, QUEUE_VACUUM_JOB, 'another-worker', 60_000, clock.now())).toBe(true);
    try {
      expect(await runQueueVacuum(deps(500))).toEqual({ vacuumed: [], busy: true });
      expect(await deadIn('inbound_events')).toBeGreaterThanOrEqual(600);
    } finally {
      await releaseJobLease(db, QUEUE_VACUUM_JOB, 'another-worker');
    }
    expect((await runQueueVacuum(deps(500))).vacuumed.map((v) => v.table)).toEqual(['inbound_events']);
  });

  it('gives up on a vacuum that runs past the statement timeout and leaves the job alone for a while', async () => {
    await churn();
    await waitForDead(600);
    const impatient = createPgDb(url, 2, { ...DEFAULT_DB_TIMEOUTS, statementTimeoutMs: 300 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // A lock VACUUM waits for (another VACUUM, an index being built): the vacuum outlasts its statement timeout.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE inbound_events IN SHARE UPDATE EXCLUSIVE MODE');
      const r = await runQueueVacuum({ ...deps(500), db: impatient });
      expect(r.vacuumed).toEqual([]);
      expect(r.failed).toMatchObject({ table: 'inbound_events', error: expect.stringMatching(/statement timeout/) });
      await holder.query('ROLLBACK');
      // Paused: the dead rows are still there, and the job does not try again yet.
      expect(await runQueueVacuum(deps(500))).toEqual({ vacuumed: [] });
      expect(await deadIn('inbound_events')).toBeGreaterThanOrEqual(600);
      expect((await db.query('SELECT 1 FROM job_leases WHERE name = $1', [QUEUE_VACUUM_JOB])).rowCount).toBe(0);
    } finally {
      resetQueueVacuumPause();
      await holder.end();
      await impatient.close();
    }
    expect((await runQueueVacuum(deps(500))).vacuumed.map((v) => v.table)).toEqual(['inbound_events']);
  });

  it('gives both queue tables autovacuum settings that do not wait for a fifth of the table', async () => {
    const { rows } = await db.query<{ relname: string; reloptions: string[] }>(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('inbound_events', 'outbox') AND relkind = 'r' ORDER BY relname",
    );
    expect(rows.map((r) => [r.relname, [...r.reloptions].sort()])).toEqual(['inbound_events', 'outbox'].map((t) => [t, [
      'autovacuum_vacuum_cost_delay=0', 'autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=10000',
    ]]));
  });
});
