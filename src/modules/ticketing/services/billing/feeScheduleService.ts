// The billable fee schedule: list, create and update rows; no overlapping validity for one key; price changes kept.
import type { Queryable } from '@/src/lib/db';
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import { projectClient } from '../../db/contractRepo';
import {
  findFee, findOverlappingFees, insertFee, insertPriceChange, listFees, listPriceChanges, lockFeeSchedule, updateFee, type FeeKey,
} from '../../db/feeScheduleRepo';
import type { FeeCreateInput, FeeListQuery, FeePriceChange, FeeRow, FeeUpdateInput } from '../../types/billing';
import type { ServiceContext } from '../context';

export async function listFeeSchedule(ctx: ServiceContext, query: FeeListQuery): Promise<FeeRow[] | { fee: FeeRow; history: FeePriceChange[] }> {
  if (!query.id) return listFees(ctx.db, query);
  const fee = await findFee(ctx.db, query.id);
  if (!fee) throw new NotFoundError('Fee row');
  return { fee, history: await listPriceChanges(ctx.db, fee.id) };
}

/** The key is what selects a row for a ticket (type, priority, project); two active rows for one key may not overlap. */
async function assertNoOverlap(tx: Queryable, key: FeeKey, excludeId: string | null): Promise<void> {
  const clash = await findOverlappingFees(tx, key, excludeId);
  if (clash.length > 0) {
    throw new ConflictError('Another active fee row for the same ticket type, priority and project is valid in an overlapping period', {
      conflicts: clash.map((f) => ({ id: f.id, serviceType: f.serviceType, effectiveFrom: f.effectiveFrom, effectiveTo: f.effectiveTo })),
    });
  }
}

async function assertProject(tx: Queryable, projectId: string | null | undefined): Promise<void> {
  if (projectId && !(await projectClient(tx, projectId))) throw new UnprocessableError('Unknown project', { field: 'projectId' });
}

export async function createFee(ctx: ServiceContext, input: FeeCreateInput): Promise<FeeRow> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    await assertProject(tx, input.projectId);
    await lockFeeSchedule(tx);
    if (input.active !== false) {
      await assertNoOverlap(tx, { ...input, priority: input.priority ?? null, projectId: input.projectId ?? null, effectiveTo: input.effectiveTo ?? null }, null);
    }
    return insertFee(tx, input, now);
  });
  ctx.log.info({ feeId: id, ticketType: input.ticketType, priority: input.priority ?? 'any' }, 'fee row created');
  return (await findFee(ctx.db, id)) as FeeRow;
}

const TRACKED = [
  'serviceType', 'ticketType', 'priority', 'projectId', 'baseFeeCents', 'hourlyRateCents', 'travelFeeCents', 'afterHoursMultiplier',
  'defaultHours', 'effectiveFrom', 'effectiveTo', 'active',
] as const;

/** Updates a row; every change of a field is kept (before / after, who, when, why) as the row's price history. */
export async function updateFeeRow(ctx: ServiceContext, input: FeeUpdateInput): Promise<{ fee: FeeRow; history: FeePriceChange[] }> {
  const now = ctx.clock.now();
  const { id, reason, ...patch } = input;
  await ctx.db.transaction(async (tx) => {
    await lockFeeSchedule(tx);
    const current = await findFee(tx, id);
    if (!current) throw new NotFoundError('Fee row');
    const merged = { ...current, ...patch };
    if (merged.effectiveTo && merged.effectiveTo < merged.effectiveFrom) {
      throw new UnprocessableError('effectiveTo must not be before effectiveFrom', { field: 'effectiveTo' });
    }
    await assertProject(tx, patch.projectId);
    if (merged.active) await assertNoOverlap(tx, merged, id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of TRACKED) {
      if (k in patch && (patch[k] ?? null) !== current[k]) {
        before[k] = current[k];
        after[k] = patch[k] ?? null;
      }
    }
    if (Object.keys(after).length === 0) return;
    await updateFee(tx, id, patch, now);
    await insertPriceChange(tx, { feeScheduleId: id, actor: ctx.user, reason: reason ?? null, before, after, at: now });
  });
  return listFeeSchedule(ctx, { id }) as Promise<{ fee: FeeRow; history: FeePriceChange[] }>;
}
