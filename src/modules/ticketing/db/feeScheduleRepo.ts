// SQL for the billable fee schedule: list, read, insert, update, overlap checks and the price-change history.
import type { Queryable } from '@/src/lib/db';
import type { Actor } from '../services/context';
import type { FeeRowFacts } from '../services/billing/billingCalculator';
import { centsToDecimal, decimalToCents } from '../services/billing/money';
import type { FeeCreateInput, FeeListQuery, FeePriceChange, FeeRow, FeeUpdateInput } from '../types/billing';
import type { TicketPriority, TicketType } from '../types/enums';

interface FeeDbRow {
  id: string;
  service_type: string;
  ticket_type: TicketType;
  priority: TicketPriority | null;
  project_id: string | null;
  base_fee: string;
  hourly_rate: string;
  travel_fee: string;
  after_hours_multiplier: string;
  default_hours: string;
  currency: 'ZAR';
  effective_from: string;
  effective_to: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, service_type, ticket_type, priority, project_id, base_fee, hourly_rate, travel_fee, after_hours_multiplier,
  default_hours, currency, effective_from, effective_to, active, created_at, updated_at`;

export function mapFee(r: FeeDbRow): FeeRow {
  return {
    id: r.id, serviceType: r.service_type, ticketType: r.ticket_type, priority: r.priority, projectId: r.project_id,
    baseFeeCents: decimalToCents(r.base_fee), hourlyRateCents: decimalToCents(r.hourly_rate), travelFeeCents: decimalToCents(r.travel_fee),
    afterHoursMultiplier: Number(r.after_hours_multiplier), defaultHours: Number(r.default_hours), currency: r.currency,
    effectiveFrom: r.effective_from, effectiveTo: r.effective_to, active: r.active,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listFees(q: Queryable, f: FeeListQuery): Promise<FeeRow[]> {
  const { rows } = await q.query<FeeDbRow>(
    `SELECT ${COLUMNS} FROM billable_fee_schedule
      WHERE ($1::text IS NULL OR ticket_type = $1) AND ($2::uuid IS NULL OR project_id = $2) AND ($3::boolean IS NULL OR active = $3)
        AND ($4::date IS NULL OR (effective_from <= $4 AND (effective_to IS NULL OR effective_to >= $4)))
      ORDER BY ticket_type, priority NULLS LAST, project_id NULLS FIRST, effective_from DESC`,
    [f.ticketType ?? null, f.projectId ?? null, f.active ?? null, f.on ?? null],
  );
  return rows.map(mapFee);
}

export async function findFee(q: Queryable, id: string): Promise<FeeRow | null> {
  const { rows } = await q.query<FeeDbRow>(`SELECT ${COLUMNS} FROM billable_fee_schedule WHERE id = $1`, [id]);
  return rows[0] ? mapFee(rows[0]) : null;
}

/** Active rows of a ticket type: the candidates the calculator picks the most specific from. */
export async function listFeeFacts(q: Queryable, ticketType: TicketType): Promise<FeeRowFacts[]> {
  const { rows } = await q.query<FeeDbRow>(`SELECT ${COLUMNS} FROM billable_fee_schedule WHERE active AND ticket_type = $1`, [ticketType]);
  return rows.map(mapFee);
}

/** Serialises fee-schedule writers for the rest of the transaction, so two overlapping rows cannot both pass the check. */
export async function lockFeeSchedule(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('billable_fee_schedule'))");
}

export interface FeeKey {
  ticketType: TicketType;
  priority: TicketPriority | null;
  projectId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** Active rows with the same key (type, priority, project) whose validity overlaps the given period. */
export async function findOverlappingFees(q: Queryable, k: FeeKey, excludeId: string | null): Promise<FeeRow[]> {
  const { rows } = await q.query<FeeDbRow>(
    `SELECT ${COLUMNS} FROM billable_fee_schedule
      WHERE active AND ticket_type = $1 AND priority IS NOT DISTINCT FROM $2 AND project_id IS NOT DISTINCT FROM $3
        AND ($6::uuid IS NULL OR id <> $6)
        AND effective_from <= COALESCE($5::date, 'infinity'::date) AND COALESCE(effective_to, 'infinity'::date) >= $4::date`,
    [k.ticketType, k.priority, k.projectId, k.effectiveFrom, k.effectiveTo, excludeId],
  );
  return rows.map(mapFee);
}

export async function insertFee(tx: Queryable, f: FeeCreateInput, now: Date): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO billable_fee_schedule (service_type, ticket_type, priority, project_id, base_fee, hourly_rate, travel_fee,
       after_hours_multiplier, default_hours, effective_from, effective_to, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
    [
      f.serviceType, f.ticketType, f.priority ?? null, f.projectId ?? null, centsToDecimal(f.baseFeeCents), centsToDecimal(f.hourlyRateCents),
      centsToDecimal(f.travelFeeCents ?? 0), f.afterHoursMultiplier ?? 1.5, f.defaultHours ?? 1, f.effectiveFrom, f.effectiveTo ?? null,
      f.active ?? true, now,
    ],
  );
  return rows[0].id;
}

type FeePatch = Omit<FeeUpdateInput, 'id' | 'reason'>;
const FEE_COLUMNS: Record<keyof FeePatch, string> = {
  serviceType: 'service_type', ticketType: 'ticket_type', priority: 'priority', projectId: 'project_id', baseFeeCents: 'base_fee',
  hourlyRateCents: 'hourly_rate', travelFeeCents: 'travel_fee', afterHoursMultiplier: 'after_hours_multiplier',
  defaultHours: 'default_hours', effectiveFrom: 'effective_from', effectiveTo: 'effective_to', active: 'active',
};
const MONEY = new Set<keyof FeePatch>(['baseFeeCents', 'hourlyRateCents', 'travelFeeCents']);

export async function updateFee(tx: Queryable, id: string, patch: FeePatch, now: Date): Promise<void> {
  const keys = Object.keys(patch) as (keyof FeePatch)[];
  const params: unknown[] = [id, now];
  const sets = keys.map((k) => {
    const v = patch[k];
    params.push(MONEY.has(k) ? centsToDecimal(v as number) : (v ?? null));
    return `${FEE_COLUMNS[k]} = $${params.length}`;
  });
  await tx.query(`UPDATE billable_fee_schedule SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
}

export async function insertPriceChange(
  tx: Queryable,
  c: { feeScheduleId: string; actor: Actor; reason: string | null; before: Record<string, unknown>; after: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO fee_schedule_price_changes (fee_schedule_id, changed_by, changed_by_name, reason, before, after, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.feeScheduleId, c.actor.id, c.actor.name, c.reason, JSON.stringify(c.before), JSON.stringify(c.after), c.at],
  );
}

export async function listPriceChanges(q: Queryable, feeScheduleId: string): Promise<FeePriceChange[]> {
  const { rows } = await q.query<{
    id: number; fee_schedule_id: string; changed_by: string | null; changed_by_name: string | null; changed_at: Date;
    reason: string | null; before: Record<string, unknown>; after: Record<string, unknown>;
  }>(
    `SELECT id, fee_schedule_id, changed_by, changed_by_name, changed_at, reason, before, after
       FROM fee_schedule_price_changes WHERE fee_schedule_id = $1 ORDER BY id`,
    [feeScheduleId],
  );
  return rows.map((r) => ({
    id: Number(r.id), feeScheduleId: r.fee_schedule_id, changedBy: r.changed_by, changedByName: r.changed_by_name,
    changedAt: new Date(r.changed_at).toISOString(), reason: r.reason, before: r.before, after: r.after,
  }));
}
