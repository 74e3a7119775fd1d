// Billing's reaction to ticket lifecycle events (classification on create and on drop/project/client change).
import type { Queryable } from '@/src/lib/db';
import { clearTicketBilling, findTicketBilling, setTicketBillingColumns, upsertTicketBilling } from '../../db/billingRepo';
import { appendHistory } from '../../db/historyRepo';
import type { ApprovalStatus, TicketStatus } from '../../types/enums';
import type { TicketBilling } from '../../types/billing';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import type { TicketLifecycleHook } from '../lifecycle';
import { classify } from './classificationService';

/** Ticket fields whose change can change the billing decision. */
export const RECLASSIFY_ON: ReadonlySet<string> = new Set(['drNumber', 'dropId', 'projectId', 'clientId', 'faultCause', 'ticketType', 'priority']);
/**
 * Open statuses from which billable work must go back to wait for a decision: before work starts, and also once it
 * has started (a DR change can make running work billable; it never proceeds without a manager's decision).
 * Resolved work is done: its pending approval stays in the manager's queue and gates the invoice.
 */
const GATED: ReadonlySet<TicketStatus> = new Set(['new', 'triaged', 'assigned', 'in_progress', 'blocked']);

/** Keeps a decision already made on billable work; anything newly billable waits for one. */
function nextApproval(billable: boolean, previous: TicketBilling | null): ApprovalStatus | null {
  if (!billable) return null;
  return previous?.billingType === 'billable' && previous.approvalStatus ? previous.approvalStatus : 'pending';
}

function nextStatus(current: TicketStatus, approval: ApprovalStatus | null): TicketStatus | undefined {
  if (approval === 'pending' && GATED.has(current)) return 'pending_approval';
  if (approval === null && current === 'pending_approval') return 'new';
  return undefined;
}

/** The reason a ticket with an unregistered DR carries while its billing waits. */
export function unknownDropReason(drNumber: string): string {
  return `Drop ${drNumber} is not in the drop register: flagged for review; the billing decision waits until the drop is known`;
}

/**
 * A DR that is not in the drop register: nothing is decided (not billable, not in the approval queue) until the drop
 * is registered (the unknown-drop job links it) or the DR is corrected (an update reclassifies).
 */
async function deferClassification(tx: Queryable, ctx: ServiceContext, ticket: Ticket, previous: TicketBilling | null): Promise<void> {
  const now = ctx.clock.now();
  const status = ticket.status === 'pending_approval' ? 'new' : undefined;
  await clearTicketBilling(tx, ticket.id, status);
  const reason = unknownDropReason(ticket.drNumber as string);
  await appendHistory(tx, {
    ticketId: ticket.id, actor: ctx.user, action: 'billing_deferred', field: 'billing_type', oldValue: previous?.billingType ?? null, newValue: null,
    details: { reason, drNumber: ticket.drNumber }, at: now,
  });
  if (status) {
    await appendHistory(tx, { ticketId: ticket.id, actor: ctx.user, action: 'status_changed', field: 'status', oldValue: ticket.status, newValue: status, details: { reason }, at: now });
  }
  ctx.log.info({ ticketUid: ticket.ticketUid }, 'billing deferred: unknown drop');
}

/** Classifies the ticket, stores the decision with its reason, and moves billable work to pending_approval. */
export async function applyClassification(tx: Queryable, ctx: ServiceContext, ticket: Ticket, previous: TicketBilling | null): Promise<void> {
  if (ticket.dropUnknown) return deferClassification(tx, ctx, ticket, previous);
  const now = ctx.clock.now();
  const { decision: d, afterHours } = await classify(tx, ctx.config.BUSINESS_TIMEZONE, {
    ticketType: ticket.ticketType, priority: ticket.priority, drNumber: ticket.drNumber, dropId: ticket.dropId,
    projectId: ticket.projectId, clientId: ticket.clientId, faultCause: ticket.faultCause, at: new Date(ticket.createdAt),
  });
  const approval = nextApproval(d.billingType === 'billable', previous);
  const status = nextStatus(ticket.status, approval);
  await upsertTicketBilling(tx, ticket.id, {
    billingType: d.billingType, reason: d.reason, guaranteeExpiresAt: d.guaranteeExpiresAt, contractId: d.contractId,
    feeScheduleId: d.feeScheduleId, requiresApproval: approval === 'pending', afterHours, estimate: d.estimate, approvalStatus: approval,
  }, now);
  await setTicketBillingColumns(tx, ticket.id, { billingType: d.billingType, requiresApproval: approval === 'pending', status });
  await appendHistory(tx, {
    ticketId: ticket.id, actor: ctx.user, action: previous ? 'billing_reclassified' : 'billing_classified', field: 'billing_type',
    oldValue: previous?.billingType ?? null, newValue: d.billingType, at: now,
    details: {
      reason: d.reason, contractId: d.contractId, feeScheduleId: d.feeScheduleId, estimatedTotalCents: d.estimate?.totalCents ?? null,
      guaranteeExpiresAt: d.guaranteeExpiresAt?.toISOString() ?? null, approvalStatus: approval,
    },
  });
  if (status) {
    const why = status === 'pending_approval' ? 'Billable work needs a manager’s approval' : 'No longer billable: no approval needed';
    await appendHistory(tx, { ticketId: ticket.id, actor: ctx.user, action: 'status_changed', field: 'status', oldValue: ticket.status, newValue: status, details: { reason: why }, at: now });
  }
  ctx.log.info({ ticketUid: ticket.ticketUid, billingType: d.billingType, status: status ?? ticket.status }, previous ? 'ticket reclassified' : 'ticket classified');
}

async function reclassify(tx: Queryable, ctx: ServiceContext, after: Ticket): Promise<void> {
  const previous = await findTicketBilling(tx, after.id, true);
  const frozen = previous?.invoiceRequestedAt ? 'an invoice line was already requested' : after.status === 'closed' || after.status === 'cancelled' ? `the ticket is ${after.status}` : null;
  if (frozen) {
    await appendHistory(tx, {
      ticketId: after.id, actor: ctx.user, action: 'billing_reclassify_skipped', field: 'billing_type',
      oldValue: previous?.billingType ?? null, newValue: previous?.billingType ?? null, details: { reason: `Billing kept: ${frozen}` }, at: ctx.clock.now(),
    });
    return;
  }
  await applyClassification(tx, ctx, after, previous);
}

export const billingHooks: TicketLifecycleHook = {
  name: 'billing',
  onCreated: (tx, ctx, ticket) => applyClassification(tx, ctx, ticket, null),
  async onUpdated(tx, ctx, _before, after, changed) {
    if (changed.some((f) => RECLASSIFY_ON.has(f))) await reclassify(tx, ctx, after);
  },
  // Resolving as a material failure brings the longer material guarantee into play.
  async onStatusChanged(tx, ctx, ticket, event) {
    if (event.to === 'resolved' && ticket.faultCause === 'material_failure') await reclassify(tx, ctx, ticket);
  },
};
