// The worker's housekeeping on its queues. inbound_events and outbox rows are stored, claimed and settled: three row
// versions each, and every claim reads the due index from its oldest end, past the versions already dead. Without a
// vacuum (autovacuum off, or waiting for a fifth of a large table to die) a claim of 50 events read 1,600 buffers
// instead of 150 after some 270,000 events. Checked every worker tick; one process vacuums at a time (a job lease).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { withJobLease } from '../db/integrationStateRepo';
import { queueTableRows, vacuumQueueTable, type QueueTable, type TableRows } from '../db/maintenanceRepo';
import type { OutboxDeps } from './outboxTypes';

export const QUEUE_VACUUM_JOB = 'queueVacuum';
const LEASE_MS = 10 * 60_000;
const OWNER = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The tables due a vacuum: at least `threshold` dead row versions (0 turns the job off). */
export function tablesToVacuum(rows: readonly TableRows[], threshold: number): QueueTable[] {
  if (threshold <= 0) return [];
  return rows.filter((r) => r.dead >= threshold).map((r) => r.table);
}

export interface QueueVacuumResult {
  vacuumed: { table: QueueTable; dead: number; ms: number }[];
  /** Another process held the lease (it is vacuuming). */
  busy?: boolean;
}

export async function runQueueVacuum(deps: OutboxDeps): Promise<QueueVacuumResult> {
  const rows = await queueTableRows(deps.db);
  const due = tablesToVacuum(rows, deps.config.QUEUE_VACUUM_DEAD_ROWS);
  if (due.length === 0) return { vacuumed: [] };
  const done = await withJobLease(deps.db, QUEUE_VACUUM_JOB, OWNER, LEASE_MS, () => deps.clock.now(), async () => {
    const out: QueueVacuumResult['vacuumed'] = [];
    for (const table of due) {
      const started = Date.now();
      await vacuumQueueTable(deps.db, table);
      const dead = rows.find((r) => r.table === table)?.dead ?? 0;
      out.push({ table, dead, ms: Date.now() - started });
      deps.log.info({ table, dead, ms: Date.now() - started }, 'queue table vacuumed');
    }
    return out;
  });
  return done === null ? { vacuumed: [], busy: true } : { vacuumed: done };
}
