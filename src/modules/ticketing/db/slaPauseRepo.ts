// SQL for sla_pauses: one row per stretch a ticket spent blocked, with its reason and paused business time.
import type { Queryable } from '@/src/lib/db';
import type { PauseReason } from '../types/enums';
import type { SlaPause } from '../types/sla';

const COLUMNS = 'id, ticket_id, reason, note, started_at, ended_at, paused_business_minutes, created_by';

type Row = Record<string, unknown>;
const map = (r: Row): SlaPause => ({
  id: String(r.id),
  ticketId: String(r.ticket_id),
  reason: r.reason as PauseReason,
  note: r.note as string | null,
  startedAt: new Date(r.started_at as string).toISOString(),
  endedAt: r.ended_at === null ? null : new Date(r.ended_at as string).toISOString(),
  pausedBusinessMinutes: r.paused_business_minutes === null ? null : Number(r.paused_business_minutes),
  createdBy: r.created_by as string | null,
});

/** Opens a pause; null when one is already open (sla_pauses_one_open_idx). */
export async function openPause(
  q: Queryable,
  p: { ticketId: string; reason: PauseReason; note: string | null; startedAt: Date; createdBy: string | null },
): Promise<SlaPause | null> {
  const { rows } = await q.query<Row>(
    `INSERT INTO sla_pauses (ticket_id, reason, note, started_at, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (ticket_id) WHERE ended_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
    [p.ticketId, p.reason, p.note, p.startedAt, p.createdBy],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function findOpenPause(q: Queryable, ticketId: string): Promise<SlaPause | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM sla_pauses WHERE ticket_id = $1 AND ended_at IS NULL`, [ticketId]);
  return rows[0] ? map(rows[0]) : null;
}

export async function closePause(q: Queryable, id: string, endedAt: Date, pausedBusinessMinutes: number): Promise<void> {
  await q.query('UPDATE sla_pauses SET ended_at = $2, paused_business_minutes = $3 WHERE id = $1', [id, endedAt, pausedBusinessMinutes]);
}

export async function listPauses(q: Queryable, ticketId: string): Promise<SlaPause[]> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM sla_pauses WHERE ticket_id = $1 ORDER BY started_at`, [ticketId]);
  return rows.map(map);
}

/** Closed pauses per reason that started in [from, to): how often and how much business time. */
export async function pauseTotals(q: Queryable, from: Date | null, to: Date | null): Promise<{ reason: PauseReason; pauses: number; businessMinutes: number }[]> {
  const { rows } = await q.query<{ reason: PauseReason; pauses: number; minutes: number | string }>(
    `SELECT reason, count(*)::int AS pauses, COALESCE(sum(paused_business_minutes), 0)::int AS minutes
       FROM sla_pauses
      WHERE ended_at IS NOT NULL AND ($1::timestamptz IS NULL OR started_at >= $1) AND ($2::timestamptz IS NULL OR started_at < $2)
      GROUP BY reason ORDER BY reason`,
    [from, to],
  );
  return rows.map((r) => ({ reason: r.reason, pauses: Number(r.pauses), businessMinutes: Number(r.minutes) }));
}
