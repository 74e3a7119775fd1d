// Housekeeping on the queue tables: the dead row versions each holds (PostgreSQL's own counters) and VACUUM.
import type { Queryable } from '@/src/lib/db';

/** Tables written once and updated twice per item (stored, claimed, settled): each claim reads past their dead versions. */
export const QUEUE_TABLES = ['inbound_events', 'outbox'] as const;
export type QueueTable = (typeof QUEUE_TABLES)[number];

export interface TableRows {
  table: QueueTable;
  dead: number;
  live: number;
}

/**
 * Dead and live row versions per queue table, as the server last counted them (each connection reports its changes
 * about once a second; PGlite's counters stay at zero).
 */
export async function queueTableRows(q: Queryable): Promise<TableRows[]> {
  const { rows } = await q.query<{ relname: QueueTable; dead: string | number; live: string | number }>(
    `SELECT relname, n_dead_tup AS dead, n_live_tup AS live FROM pg_stat_user_tables
      WHERE schemaname = current_schema() AND relname = ANY($1::text[]) ORDER BY relname`,
    [[...QUEUE_TABLES]],
  );
  return rows.map((r) => ({ table: r.relname, dead: Number(r.dead), live: Number(r.live) }));
}

/**
 * VACUUM one queue table, its indexes always included: PostgreSQL skips them by default when few pages hold dead
 * rows, and the claims' index is where the dead versions cost time. Runs outside any transaction (VACUUM must).
 */
export async function vacuumQueueTable(q: Queryable, table: QueueTable): Promise<void> {
  if (!(QUEUE_TABLES as readonly string[]).includes(table)) throw new Error(`Not a queue table: ${table}`);
  await q.exec(`VACUUM (INDEX_CLEANUP ON) ${table}`);
}
