// SQL for the dashboard figures: grouped counts over live tickets, optionally narrowed to one assignee.
import type { Queryable } from '@/src/lib/db';
import { PENDING_WHERE } from './billingRepo';

const OPEN = "t.deleted_at IS NULL AND t.status NOT IN ('resolved','closed','cancelled')";

export interface OpenCounts {
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  byPriority: Record<string, number>;
}

/** Open tickets grouped three ways in one pass (GROUPING SETS); assigneeId null means everyone's. */
export async function countOpenTickets(q: Queryable, assigneeId: string | null): Promise<OpenCounts> {
  const { rows } = await q.query<{ dim: keyof OpenCounts; value: string; n: string }>(
    `SELECT CASE WHEN GROUPING(t.status) = 0 THEN 'byStatus' WHEN GROUPING(t.source) = 0 THEN 'bySource' ELSE 'byPriority' END AS dim,
            COALESCE(t.status, t.source, t.priority) AS value, count(*) AS n
       FROM tickets t
      WHERE ${OPEN} AND ($1::uuid IS NULL OR t.assigned_to = $1::uuid)
      GROUP BY GROUPING SETS ((t.status), (t.source), (t.priority))`,
    [assigneeId],
  );
  const out: OpenCounts = { byStatus: {}, bySource: {}, byPriority: {} };
  for (const r of rows) out[r.dim][r.value] = Number(r.n);
  return out;
}

export interface SlaCounts {
  warning: number;
  escalated: number;
  breached: number;
  paused: number;
}

/** Open tickets by SLA threshold reached: warning only, escalated (not breached), breached; and paused clocks. */
export async function countSlaStates(q: Queryable, assigneeId: string | null): Promise<SlaCounts> {
  const { rows } = await q.query<{ warning: string; escalated: string; breached: string; paused: string }>(
    `SELECT count(*) FILTER (WHERE t.sla_warning_at IS NOT NULL AND t.sla_escalated_at IS NULL AND t.sla_breached_at IS NULL) AS warning,
            count(*) FILTER (WHERE t.sla_escalated_at IS NOT NULL AND t.sla_breached_at IS NULL) AS escalated,
            count(*) FILTER (WHERE t.sla_breached_at IS NOT NULL) AS breached,
            count(*) FILTER (WHERE t.sla_paused) AS paused
       FROM tickets t
      WHERE ${OPEN} AND ($1::uuid IS NULL OR t.assigned_to = $1::uuid)`,
    [assigneeId],
  );
  const r = rows[0];
  return { warning: Number(r.warning), escalated: Number(r.escalated), breached: Number(r.breached), paused: Number(r.paused) };
}

/** Billable tickets waiting for a manager: how many and their estimated value (numeric as text, exact). */
export async function sumPendingApprovals(q: Queryable, assigneeId: string | null): Promise<{ count: number; total: string }> {
  const { rows } = await q.query<{ n: string; total: string }>(
    `SELECT count(*) AS n, COALESCE(sum(b.estimated_total), 0)::numeric(14,2)::text AS total
       FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id
      WHERE ${PENDING_WHERE} AND ($1::uuid IS NULL OR t.assigned_to = $1::uuid)`,
    [assigneeId],
  );
  return { count: Number(rows[0].n), total: rows[0].total };
}

export interface DayCount {
  date: string;
  created: number;
  resolved: number;
}

/** Tickets created and resolved per local calendar day (timezone given) from `since` on. */
export async function countPerDay(q: Queryable, since: Date, timezone: string, assigneeId: string | null): Promise<DayCount[]> {
  const { rows } = await q.query<{ day: string; created: string; resolved: string }>(
    `WITH events AS (
       SELECT to_char(t.created_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, 1 AS created, 0 AS resolved
         FROM tickets t WHERE t.deleted_at IS NULL AND t.created_at >= $1 AND ($3::uuid IS NULL OR t.assigned_to = $3::uuid)
       UNION ALL
       SELECT to_char(t.resolved_at AT TIME ZONE $2, 'YYYY-MM-DD'), 0, 1
         FROM tickets t WHERE t.deleted_at IS NULL AND t.resolved_at >= $1 AND ($3::uuid IS NULL OR t.assigned_to = $3::uuid)
     )
     SELECT day, sum(created) AS created, sum(resolved) AS resolved FROM events GROUP BY day ORDER BY day`,
    [since, timezone, assigneeId],
  );
  return rows.map((r) => ({ date: r.day, created: Number(r.created), resolved: Number(r.resolved) }));
}

export interface OpenCountRow {
  status: string;
  source: string;
  priority: string;
  slaState: 'none' | 'warning' | 'escalated' | 'breached';
  paused: boolean;
  n: number;
}

/** Everyone's open tickets from the counters the tickets trigger keeps (migration 0030), slots summed. */
export async function readOpenCounters(q: Queryable): Promise<OpenCountRow[]> {
  const { rows } = await q.query<{ status: string; source: string; priority: string; sla_state: OpenCountRow['slaState']; paused: boolean; n: string }>(
    `SELECT status, source, priority, sla_state, paused, sum(n) AS n FROM ticket_open_counts
      GROUP BY status, source, priority, sla_state, paused HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({ status: r.status, source: r.source, priority: r.priority, slaState: r.sla_state, paused: r.paused, n: Number(r.n) }));
}

/** Everyone's created and resolved tickets per local day from the 15-minute flow counters, from `since` on. */
export async function readFlowCounters(q: Queryable, since: Date, timezone: string): Promise<DayCount[]> {
  const { rows } = await q.query<{ day: string; created: string; resolved: string }>(
    `SELECT to_char(bucket AT TIME ZONE $2, 'YYYY-MM-DD') AS day, sum(created) AS created, sum(resolved) AS resolved
       FROM ticket_flow_counts WHERE bucket >= $1
      GROUP BY 1 HAVING sum(created) <> 0 OR sum(resolved) <> 0 ORDER BY 1`,
    [since, timezone],
  );
  return rows.map((r) => ({ date: r.day, created: Number(r.created), resolved: Number(r.resolved) }));
}

/** The caller's own open work: open, blocked and breached counts. */
export async function countMine(q: Queryable, userId: string): Promise<{ open: number; blocked: number; breached: number }> {
  const { rows } = await q.query<{ open: string; blocked: string; breached: string }>(
    `SELECT count(*) AS open,
            count(*) FILTER (WHERE t.status = 'blocked') AS blocked,
            count(*) FILTER (WHERE t.sla_breached_at IS NOT NULL) AS breached
       FROM tickets t WHERE ${OPEN} AND t.assigned_to = $1`,
    [userId],
  );
  return { open: Number(rows[0].open), blocked: Number(rows[0].blocked), breached: Number(rows[0].breached) };
}

/**
 * Recounts the dashboard counters from the rows (after a bulk load with the counting trigger disabled, or to
 * repair). Locks tickets against writes while it runs so no change slips between the delete and the recount.
 */
export async function rebuildTicketCounters(tx: Queryable): Promise<void> {
  await tx.query('LOCK TABLE tickets IN SHARE MODE');
  await tx.query('DELETE FROM ticket_open_counts');
  await tx.query('DELETE FROM ticket_flow_counts');
  await tx.query(
    `INSERT INTO ticket_open_counts (status, source, priority, sla_state, paused, slot, n)
     SELECT status, source, priority, ticket_sla_state(sla_warning_at, sla_escalated_at, sla_breached_at), sla_paused, 0, count(*)
       FROM tickets WHERE deleted_at IS NULL AND status NOT IN ('resolved','closed','cancelled')
      GROUP BY 1, 2, 3, 4, 5`,
  );
  await tx.query(
    `INSERT INTO ticket_flow_counts (bucket, slot, created, resolved)
     SELECT bucket, 0, sum(created), sum(resolved) FROM (
       SELECT ticket_bucket(created_at) AS bucket, 1 AS created, 0 AS resolved FROM tickets WHERE deleted_at IS NULL
       UNION ALL
       SELECT ticket_bucket(resolved_at), 0, 1 FROM tickets WHERE deleted_at IS NULL AND resolved_at IS NOT NULL
     ) e GROUP BY bucket`,
  );
}
