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
  /** A vacuum that failed (the statement timeout on a very large table): not tried again for FAILED_PAUSE_MS. */
  failed?: { table: QueueTable; error: string };
}

/** After a failed vacuum, this process leaves the job alone for a while rather than start it again every tick. */
const FAILED_PAUSE_MS = 10 * 60_000;
let pausedUntil = 0;

export async function runQueueVacuum(deps: OutboxDeps): Promise<QueueVacuumResult> {
  if (Date.now() < pausedUntil) return { vacuumed: [] };
  const rows = await queueTableRows(deps.db);
  const due = tablesToVacuum(rows, deps.config.QUEUE_VACUUM_DEAD_ROWS);
  if (due.length === 0) return { vacuumed: [] };
  const result = await withJobLease(deps.db, QUEUE_VACUUM_JOB, OWNER, LEASE_MS, () => deps.clock.now(), async (): Promise<QueueVacuumResult> => {
    const vacuumed: QueueVacuumResult['vacuumed'] = [];
    for (const table of due) {
      const started = Date.now();
      try {
        await vacuumQueueTable(deps.db, table);
      } catch (err) {
        pausedUntil = Date.now() + FAILED_PAUSE_MS;
        const error = err instanceof Error ? err.message : String(err);
        deps.log.warn({ table, err: error, pauseMs: FAILED_PAUSE_MS }, 'queue table vacuum failed: paused');
        return { vacuumed, failed: { table, error } };
      }
      const v = { table, dead: rows.find((r) => r.table === table)?.dead ?? 0, ms: Date.now() - started };
      vacuumed.push(v);
      deps.log.info(v, 'queue table vacuumed');
    }
    return { vacuumed };
  });
  return result ?? { vacuumed: [], busy: true };
}

/** Tests: forget a pause after a failed vacuum. */
export function resetQueueVacuumPause(): void {
  pausedUntil = 0;
}
