// Billing's reaction to a resolution's fault cause: damage the contractor is not liable for, inside the guarantee,
// is re-classified billable, priced from the actual work, and queued for the manager's approval with the cause as reason.
import type { Queryable } from '@/src/lib/db';
import { findTicketBilling, recordActuals, setTicketBillingColumns, upsertTicketBilling } from '../../db/billingRepo';
import { findFee, listFeeFacts } from '../../db/feeScheduleRepo';
import { appendHistory } from '../../db/historyRepo';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import type { StatusChangeEvent, TicketLifecycleHook } from '../lifecycle';
import { selectFeeRow } from './billingCalculator';
import { decideFaultCauseBilling } from './faultCauseRule';
import { localDate } from './feePricing';

export async function applyFaultCause(tx: Queryable, ctx: ServiceContext, t: Ticket, event: StatusChangeEvent): Promise<void> {
  const b = await findTicketBilling(tx, t.id, true);
  if (!b || b.billingType !== 'guarantee' || !t.faultCause) return;
  const fee = b.feeScheduleId
    ? await findFee(tx, b.feeScheduleId)
    : selectFeeRow(await listFeeFacts(tx, t.ticketType), t, t.projectId, localDate(new Date(t.createdAt), ctx.config.BUSINESS_TIMEZONE));
  const d = decideFaultCauseBilling({ cause: t.faultCause, detail: t.faultCauseDetail ?? null, billingType: b.billingType, fee, work: event.work ?? null, afterHours: b.afterHours });
  const now = ctx.clock.now();
  if (d.action === 'keep') {
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'billing_cause_checked', field: 'billing_type', oldValue: 'guarantee', newValue: 'guarantee', details: { reason: d.reason, faultCause: t.faultCause }, at: now });
    return;
  }
  await upsertTicketBilling(tx, t.id, {
    billingType: 'billable', reason: d.reason, guaranteeExpiresAt: b.guaranteeExpiresAt ? new Date(b.guaranteeExpiresAt) : null, contractId: null,
    feeScheduleId: d.feeScheduleId, requiresApproval: true, afterHours: b.afterHours, estimate: d.priced, approvalStatus: 'pending',
  }, now);
  if (d.fromActualWork && d.priced && d.feeScheduleId) await recordActuals(tx, t.id, { work: d.priced, feeScheduleId: d.feeScheduleId, by: ctx.user.id, at: now });
  await setTicketBillingColumns(tx, t.id, { billingType: 'billable', requiresApproval: true });
  await appendHistory(tx, {
    ticketId: t.id, actor: ctx.user, action: 'billing_reclassified', field: 'billing_type', oldValue: 'guarantee', newValue: 'billable', at: now,
    details: { reason: d.reason, faultCause: t.faultCause, faultCauseDetail: t.faultCauseDetail, estimatedTotalCents: d.priced?.totalCents ?? null, approvalStatus: 'pending' },
  });
  ctx.log.info({ ticketUid: t.ticketUid, faultCause: t.faultCause }, 'guarantee work re-classified billable by its fault cause');
}

export const faultCauseHooks: TicketLifecycleHook = {
  name: 'fault-cause',
  async onStatusChanged(tx, ctx, ticket, event) {
    if (event.to === 'resolved') await applyFaultCause(tx, ctx, ticket, event);
  },
};
