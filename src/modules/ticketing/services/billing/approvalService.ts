// A manager's decision on billable work: the approval queue, approve (-> new) and reject (-> cancelled, requester told).
import type { Queryable } from '@/src/lib/db';
import { attachOutbox, insertNotification, markNotificationFailed } from '../../db/notificationRepo';
import { channelConfigured } from '../notifications/notificationService';
import { ConflictError } from '@/src/lib/api/errors';
import { maskEmail } from '@/src/lib/logger';
import { findRequester, findTicketBilling, listPendingApprovals, pendingApprovalTotals, recordDecision, updateTicketForDecision } from '../../db/billingRepo';
import { appendHistory } from '../../db/historyRepo';
import { enqueueOutbox } from '../../db/outboxRepo';
import { findTicketById } from '../../db/ticketRepo';
import { OUTBOX_KINDS, type EmailPayload } from '../../jobs/outboxTypes';
import type { DecisionInput, PendingQueueQuery, TicketBilling } from '../../types/billing';
import type { TicketStatus } from '../../types/enums';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import { LIFECYCLE_HOOKS } from '../lifecycle';
import { lockVisibleTicket } from '../ticketAccess';
import { canTransition } from '../workflow';
import { formatRand } from '../displayFormat';

export async function pendingApprovalQueue(ctx: ServiceContext, page: PendingQueueQuery) {
  const [items, totals] = await Promise.all([listPendingApprovals(ctx.db, page), pendingApprovalTotals(ctx.db)]);
  return { items, meta: { total: totals.count, totalValueCents: totals.totalCents, unknownCostCount: totals.unknownCostCount, limit: page.limit, offset: page.offset } };
}

type Decision = 'approved' | 'rejected';

export interface DecisionResult {
  ticketId: string;
  ticketUid: string;
  status: TicketStatus;
  version: number;
  approvalStatus: Decision;
  /** False when the same decision had already been made: nothing changed. */
  changed: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  /** Masked address the rejection was sent to, if any. */
  notified: string | null;
}

function result(t: Ticket, b: TicketBilling, decision: Decision, changed: boolean, notified: string | null = null): DecisionResult {
  return {
    ticketId: t.id, ticketUid: t.ticketUid, status: t.status, version: t.version, approvalStatus: decision, changed,
    decidedBy: b.decidedBy, decidedAt: b.decidedAt, reason: b.decisionReason, notified,
  };
}

async function notifyRejection(tx: Queryable, ctx: ServiceContext, t: Ticket, b: TicketBilling, reason: string): Promise<string | null> {
  const requester = await findRequester(tx, t.id);
  if (!requester.email) return null;
  const estimate = b.estimated ? `${formatRand(b.estimated.totalCents)} excl. VAT` : 'not known';
  const payload: EmailPayload = {
    to: requester.email,
    subject: `Billable work on ${t.ticketUid} was not approved`,
    text: [
      `Hello ${requester.name ?? ''}`.trim() + ',',
      '',
      `The billable work on ticket ${t.ticketUid} (${t.title}) was not approved by ${ctx.user.name}, and the ticket is cancelled.`,
      `Reason: ${reason}`,
      `Estimated cost: ${estimate}.`,
    ].join('\n'),
    template: 'billing_rejected',
  };
  // Logged like every other notification (the requester may be a reporter, not a user, so no preferences apply).
  const now = ctx.clock.now();
  const id = await insertNotification(tx, {
    channel: 'email', recipient: requester.email, template: 'billing_rejected', ticketId: t.id, userId: null, trigger: 'billing.rejected',
    dedupeKey: `billing-rejected:${t.id}`, slaEventId: null, createdAt: now,
  });
  if (!id) return maskEmail(requester.email);
  if (!channelConfigured(ctx.config, 'email')) {
    await markNotificationFailed(tx, id, 'email is not configured (SMTP_HOST unset)');
    return null;
  }
  const outbox = await enqueueOutbox(tx, { kind: OUTBOX_KINDS.email, payload: { ...payload, notificationId: id }, idempotencyKey: `billing-rejected:${t.id}`, ticketId: t.id, runAt: now });
  await attachOutbox(tx, id, outbox.id);
  return maskEmail(requester.email);
}

async function decide(ctx: ServiceContext, uid: string, decision: Decision, input: DecisionInput): Promise<DecisionResult> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, uid);
    const b = await findTicketBilling(tx, t.id, true);
    if (!b || b.billingType !== 'billable' || b.approvalStatus === null) {
      throw new ConflictError(`Ticket ${t.ticketUid} is not billable work awaiting a decision`, { billingType: b?.billingType ?? null });
    }
    if (b.approvalStatus === decision) return result(t, b, decision, false);
    if (b.approvalStatus !== 'pending') {
      throw new ConflictError(`The billable work on ${t.ticketUid} was already ${b.approvalStatus}`, {
        approvalStatus: b.approvalStatus, decidedBy: b.decidedBy, decidedAt: b.decidedAt,
      });
    }
    const reason = input.reason?.trim() || null;
    // The workflow decides the move: pending_approval -> new on approval, any open status -> cancelled on rejection.
    // Work reclassified as billable after it started keeps its status; the decision is still recorded.
    const wanted: TicketStatus = decision === 'approved' ? 'new' : 'cancelled';
    const target = canTransition(t.status, wanted, { role: ctx.user.role, via: 'approval' }) ? wanted : null;
    await recordDecision(tx, t.id, { status: decision, by: ctx.user.id, at: now, reason });
    await updateTicketForDecision(tx, t.id, { from: t.status, to: target, now });
    await appendHistory(tx, {
      ticketId: t.id, actor: ctx.user, action: decision === 'approved' ? 'billing_approved' : 'billing_rejected', field: 'approval_status',
      oldValue: 'pending', newValue: decision, details: { reason, estimatedTotalCents: b.estimated?.totalCents ?? null }, at: now,
    });
    if (target) {
      await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'status_changed', field: 'status', oldValue: t.status, newValue: target, details: { reason }, at: now });
      const moved = (await findTicketById(tx, t.id)) as Ticket;
      for (const hook of LIFECYCLE_HOOKS) await hook.onStatusChanged?.(tx, ctx, moved, { from: t.status, to: target, reason: reason ?? undefined });
    }
    const notified = decision === 'rejected' ? await notifyRejection(tx, ctx, t, b, reason as string) : null;
    ctx.log.info({ ticketUid: t.ticketUid, decision, status: target ?? t.status }, 'billing decision');
    const after = (await findTicketById(tx, t.id)) as Ticket;
    return result(after, (await findTicketBilling(tx, t.id)) as TicketBilling, decision, true, notified);
  });
}

export function approveBilling(ctx: ServiceContext, uid: string, input: DecisionInput): Promise<DecisionResult> {
  return decide(ctx, uid, 'approved', input);
}

/** The reason is required by the request schema; the requester is told by email through the outbox. */
export function rejectBilling(ctx: ServiceContext, uid: string, input: { reason: string }): Promise<DecisionResult> {
  return decide(ctx, uid, 'rejected', input);
}
