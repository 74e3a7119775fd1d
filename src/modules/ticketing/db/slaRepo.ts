// SQL for a ticket's SLA state (target snapshot, due times, cycle, next check) and its fired thresholds (sla_events).
import type { Queryable } from '@/src/lib/db';
import type { SlaEvent, SlaTarget, SlaTargetOrigin, SlaTargetSeconds, SlaThreshold, SlaThresholdPcts } from '../types/sla';

export interface TicketSla extends SlaTargetSeconds, SlaThresholdPcts {
  id: string;
  ticketUid: string;
  title: string;
  status: string;
  priority: string;
  ticketType: string;
  assignedTo: string | null;
  deleted: boolean;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  cycle: number;
  source: 'config' | 'contract' | null;
  configId: string | null;
  contractId: string | null;
  businessHours: boolean | null;
  pausedSeconds: number;
  paused: boolean;
  pausedAt: Date | null;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  dueAt: Date | null;
  warningAt: Date | null;
  escalatedAt: Date | null;
  breachedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  nextCheckAt: Date | null;
}

const SELECT = `SELECT id, ticket_uid, title, status, priority, ticket_type, assigned_to, deleted_at, created_at, updated_at,
  resolved_at, closed_at, sla_cycle, sla_source, sla_config_id, sla_contract_id, sla_business_hours, sla_response_seconds,
  sla_resolution_seconds, sla_warning_pct, sla_escalation_pct, sla_response_warning_pct, sla_response_escalation_pct,
  sla_paused_seconds, sla_paused, sla_paused_at, first_response_due_at, first_responded_at, due_at, sla_warning_at,
  sla_escalated_at, sla_breached_at, first_response_breached_at, sla_next_check_at FROM tickets`;

type Row = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null ? null : new Date(v as string));
const int = (v: unknown, fallback: number): number => (v === null ? fallback : Number(v));

/** Maps a row holding the SLA columns (this file's SELECT, or TICKET_SELECT which carries them too). */
export function mapTicketSla(r: Row): TicketSla {
  return {
    id: String(r.id),
    ticketUid: String(r.ticket_uid),
    title: String(r.title),
    status: String(r.status),
    priority: String(r.priority),
    ticketType: String(r.ticket_type),
    assignedTo: r.assigned_to as string | null,
    deleted: r.deleted_at !== null,
    createdAt: date(r.created_at) as Date,
    updatedAt: date(r.updated_at) as Date,
    resolvedAt: date(r.resolved_at),
    closedAt: date(r.closed_at),
    cycle: Number(r.sla_cycle),
    source: r.sla_source as TicketSla['source'],
    configId: r.sla_config_id as string | null,
    contractId: r.sla_contract_id as string | null,
    businessHours: r.sla_business_hours as boolean | null,
    responseSeconds: r.sla_response_seconds === null ? null : Number(r.sla_response_seconds),
    resolutionSeconds: r.sla_resolution_seconds === null ? null : Number(r.sla_resolution_seconds),
    warningPct: int(r.sla_warning_pct, 75),
    escalationPct: int(r.sla_escalation_pct, 90),
    responseWarningPct: int(r.sla_response_warning_pct, 75),
    responseEscalationPct: int(r.sla_response_escalation_pct, 90),
    pausedSeconds: Number(r.sla_paused_seconds),
    paused: Boolean(r.sla_paused),
    pausedAt: date(r.sla_paused_at),
    firstResponseDueAt: date(r.first_response_due_at),
    firstRespondedAt: date(r.first_responded_at),
    dueAt: date(r.due_at),
    warningAt: date(r.sla_warning_at),
    escalatedAt: date(r.sla_escalated_at),
    breachedAt: date(r.sla_breached_at),
    firstResponseBreachedAt: date(r.first_response_breached_at),
    nextCheckAt: date(r.sla_next_check_at),
  };
}

/** One ticket's SLA state; `skipLocked` locks the row, or finds nothing when another sweep holds it. */
export async function findTicketSla(q: Queryable, id: string, skipLocked = false): Promise<TicketSla | null> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE id = $1${skipLocked ? ' FOR UPDATE SKIP LOCKED' : ''}`, [id]);
  return rows[0] ? mapTicketSla(rows[0]) : null;
}

export async function findTicketSlas(q: Queryable, ids: readonly string[]): Promise<Map<string, TicketSla>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<Row>(`${SELECT} WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [String(r.id), mapTicketSla(r)]));
}

/** Targets as written: every origin and threshold field may be cleared (a ticket with no target). */
export interface SlaTargetsWrite extends SlaTargetSeconds {
  cycle: number;
  source: SlaTargetOrigin['source'] | null;
  configId: string | null;
  contractId: string | null;
  businessHours: boolean | null;
  warningPct: number | null;
  escalationPct: number | null;
  responseWarningPct: number | null;
  responseEscalationPct: number | null;
  pausedSeconds: number;
  firstResponseDueAt: Date | null;
  dueAt: Date | null;
  nextCheckAt: Date | null;
}

/** Sets the targets and due times; a new cycle clears the threshold marks of the previous one. */
export async function writeSlaTargets(q: Queryable, id: string, w: SlaTargetsWrite): Promise<void> {
  await q.query(
    `UPDATE tickets SET sla_cycle = $2, sla_source = $3, sla_config_id = $4, sla_contract_id = $5, sla_business_hours = $6,
       sla_response_seconds = $7, sla_resolution_seconds = $8, sla_warning_pct = $9, sla_escalation_pct = $10,
       sla_response_warning_pct = $11, sla_response_escalation_pct = $12, sla_paused_seconds = $13,
       first_response_due_at = $14, due_at = $15, sla_next_check_at = $16,
       sla_warning_at = CASE WHEN sla_cycle = $2 THEN sla_warning_at END,
       sla_escalated_at = CASE WHEN sla_cycle = $2 THEN sla_escalated_at END,
       sla_breached_at = CASE WHEN sla_cycle = $2 THEN sla_breached_at END,
       first_response_breached_at = CASE WHEN sla_cycle = $2 THEN first_response_breached_at END
     WHERE id = $1`,
    [id, w.cycle, w.source, w.configId, w.contractId, w.businessHours, w.responseSeconds, w.resolutionSeconds, w.warningPct,
      w.escalationPct, w.responseWarningPct, w.responseEscalationPct, w.pausedSeconds, w.firstResponseDueAt, w.dueAt, w.nextCheckAt],
  );
}

export interface SlaClockWrite {
  paused: boolean;
  pausedAt: Date | null;
  pausedSeconds: number;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  dueAt: Date | null;
  nextCheckAt: Date | null;
  breachedAt: Date | null;
  firstResponseBreachedAt: Date | null;
}

/** Pause, resume, first response and closing: the moving parts of the clock, written together. */
export async function writeSlaClock(q: Queryable, id: string, w: SlaClockWrite): Promise<void> {
  await q.query(
    `UPDATE tickets SET sla_paused = $2, sla_paused_at = $3, sla_paused_seconds = $4, first_response_due_at = $5,
       first_responded_at = $6, due_at = $7, sla_next_check_at = $8, sla_breached_at = $9, first_response_breached_at = $10
     WHERE id = $1`,
    [id, w.paused, w.pausedAt, w.pausedSeconds, w.firstResponseDueAt, w.firstRespondedAt, w.dueAt, w.nextCheckAt, w.breachedAt, w.firstResponseBreachedAt],
  );
}

export async function setNextCheck(q: Queryable, id: string, at: Date | null): Promise<void> {
  await q.query('UPDATE tickets SET sla_next_check_at = $2 WHERE id = $1', [id, at]);
}

const MARKS: Record<SlaThreshold, string> = {
  warning: 'sla_warning_at = COALESCE(sla_warning_at, $2)',
  escalation: 'sla_escalated_at = COALESCE(sla_escalated_at, $2)',
  breach: 'sla_breached_at = COALESCE(sla_breached_at, $2)',
};

/**
 * Stamps the ticket-level mark of a fired threshold, whichever target crossed it first in this cycle (the list's SLA
 * filters read these); a missed first response is also kept apart in first_response_breached_at.
 */
export async function markThreshold(q: Queryable, id: string, target: SlaTarget, threshold: SlaThreshold, at: Date): Promise<void> {
  const also = target === 'response' && threshold === 'breach' ? ', first_response_breached_at = COALESCE(first_response_breached_at, $2)' : '';
  await q.query(`UPDATE tickets SET ${MARKS[threshold]}${also} WHERE id = $1`, [id, at]);
}

/**
 * Tickets whose next threshold instant has passed, in (next check, id) order after the cursor: a range scan of
 * tickets_sla_next_check_idx, never a scan of all open tickets.
 */
export async function findDueTickets(q: Queryable, now: Date, limit: number, after: { at: Date; id: string } | null = null): Promise<{ id: string; at: Date }[]> {
  const { rows } = await q.query<{ id: string; sla_next_check_at: Date }>(
    `SELECT id, sla_next_check_at FROM tickets
      WHERE sla_next_check_at IS NOT NULL AND sla_next_check_at <= $1
        AND ($3::timestamptz IS NULL OR (sla_next_check_at, id) > ($3::timestamptz, $4::uuid))
      ORDER BY sla_next_check_at, id LIMIT $2`,
    [now, limit, after?.at ?? null, after?.id ?? null],
  );
  return rows.map((r) => ({ id: r.id, at: new Date(r.sla_next_check_at) }));
}

export interface SlaEventWrite {
  ticketId: string;
  target: SlaTarget;
  threshold: SlaThreshold;
  cycle: number;
  percent: number;
  thresholdAt: Date;
  dueAt: Date;
  firedAt: Date;
}

/** Records a fired threshold; null when it had already fired (the unique key makes a second firing impossible). */
export async function insertSlaEvent(q: Queryable, e: SlaEventWrite): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO sla_events (ticket_id, target, threshold, cycle, percent, threshold_at, due_at, fired_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (ticket_id, target, threshold, cycle) DO NOTHING RETURNING id`,
    [e.ticketId, e.target, e.threshold, e.cycle, e.percent, e.thresholdAt, e.dueAt, e.firedAt],
  );
  return rows[0]?.id ?? null;
}

export async function listFiredThresholds(q: Queryable, ticketId: string, cycle: number): Promise<Set<string>> {
  const { rows } = await q.query<{ target: string; threshold: string }>(
    'SELECT target, threshold FROM sla_events WHERE ticket_id = $1 AND cycle = $2',
    [ticketId, cycle],
  );
  return new Set(rows.map((r) => `${r.target}:${r.threshold}`));
}

export async function listSlaEvents(q: Queryable, ticketId: string): Promise<SlaEvent[]> {
  const { rows } = await q.query<Row>(
    `SELECT target, threshold, cycle, percent, threshold_at, due_at, fired_at FROM sla_events
      WHERE ticket_id = $1 ORDER BY cycle, threshold_at, target`,
    [ticketId],
  );
  return rows.map((r) => ({
    target: r.target as SlaTarget,
    threshold: r.threshold as SlaThreshold,
    cycle: Number(r.cycle),
    percent: Number(r.percent),
    thresholdAt: (date(r.threshold_at) as Date).toISOString(),
    dueAt: (date(r.due_at) as Date).toISOString(),
    firedAt: (date(r.fired_at) as Date).toISOString(),
  }));
}
