// Recording what billable work actually took (hours, parts, travel), priced from the same fee row as the estimate.
import { ConflictError, UnprocessableError } from '@/src/lib/api/errors';
import { findTicketBilling, recordActuals } from '../../db/billingRepo';
import { findFee, listFeeFacts } from '../../db/feeScheduleRepo';
import { appendHistory } from '../../db/historyRepo';
import type { ActualsInput, TicketBilling } from '../../types/billing';
import type { ServiceContext } from '../context';
import { findVisibleTicket, lockVisibleTicket } from '../ticketAccess';
import { selectFeeRow } from './billingCalculator';
import { localDate, priceWork } from './feePricing';

/** A ticket's billing record (technicians: their own tickets only). */
export async function getTicketBilling(ctx: ServiceContext, uid: string): Promise<TicketBilling> {
  const t = await findVisibleTicket(ctx.db, ctx.user, uid);
  const b = await findTicketBilling(ctx.db, t.id);
  if (!b) throw new UnprocessableError(`Ticket ${t.ticketUid} has not been classified for billing`);
  return b;
}

export async function recordTicketActuals(ctx: ServiceContext, uid: string, input: ActualsInput): Promise<TicketBilling> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, uid);
    const b = await findTicketBilling(tx, t.id, true);
    if (!b || b.billingType !== 'billable') {
      throw new ConflictError(`Ticket ${t.ticketUid} is not billable work (${b?.billingType ?? 'unclassified'}); actual costs are recorded for billable work`);
    }
    if (b.approvalStatus !== 'approved') throw new ConflictError(`The billable work on ${t.ticketUid} is ${b.approvalStatus}, not approved`, { approvalStatus: b.approvalStatus });
    if (b.invoiceRequestedAt) throw new ConflictError(`Ticket ${t.ticketUid} is already invoiced; its actual cost can no longer change`);
    // The estimate's row, even if it has since been deactivated; when there was none, the row in force on the ticket's date.
    const fee = b.feeScheduleId
      ? await findFee(tx, b.feeScheduleId)
      : selectFeeRow(await listFeeFacts(tx, t.ticketType), t, t.projectId, localDate(new Date(t.createdAt), ctx.config.BUSINESS_TIMEZONE));
    if (!fee) throw new UnprocessableError(`No fee row prices ${t.ticketType}/${t.priority} work; add one to the fee schedule first`);
    const work = priceWork(fee, { hours: input.hours, partsCents: input.partsCents, trips: input.trips, afterHours: input.afterHours ?? b.afterHours });
    await recordActuals(tx, t.id, { work, feeScheduleId: fee.id, by: ctx.user.id, at: now });
    await appendHistory(tx, {
      ticketId: t.id, actor: ctx.user, action: 'billing_actuals_recorded', field: 'actual_total',
      oldValue: b.actual?.totalCents ?? null, newValue: work.totalCents,
      details: { hours: work.hours, partsCents: work.partsCents, trips: input.trips, afterHours: work.afterHours, feeScheduleId: fee.id }, at: now,
    });
    return (await findTicketBilling(tx, t.id)) as TicketBilling;
  });
}
