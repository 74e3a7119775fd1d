// Status changes through the workflow state machine, and assignment with its history.
import { ConflictError, UnprocessableError } from '@/src/lib/api/errors';
import type { Queryable } from '@/src/lib/db';
import { appendHistory } from '../db/historyRepo';
import { insertAssignment } from '../db/assignmentRepo';
import { findTicketById, updateTicketColumns, type TicketWrite } from '../db/ticketRepo';
import type { AssignInput, StatusChangeInput, Ticket } from '../types/tickets';
import type { TicketStatus } from '../types/enums';
import type { ServiceContext } from './context';
import { LIFECYCLE_HOOKS, type StatusChangeEvent } from './lifecycle';
import type { TicketWithSla } from './sla/slaView';
import { noticeAssignment } from './assignmentNotice';
import { assertAssignable, withSla } from './ticketService';
import { lockVisibleTicket } from './ticketAccess';
import { isOpen, legalNextStatuses, transitionTimestamps } from './workflow';

function assertVersion(t: Ticket, version: number | undefined): void {
  if (version !== undefined && version !== t.version) {
    throw new ConflictError('This ticket was changed by someone else; reload it and try again', { currentVersion: t.version });
  }
}

/** Moves a locked ticket to `to` (already checked legal), writes history and runs the lifecycle hooks. */
export async function applyTransition(
  tx: Queryable,
  ctx: ServiceContext,
  t: Ticket,
  to: TicketStatus,
  extra: { reason?: string; pauseReason?: string; columns?: TicketWrite; action?: string; work?: StatusChangeEvent['work'] },
): Promise<Ticket> {
  const now = ctx.clock.now();
  const columns: TicketWrite = { status: to, ...transitionTimestamps(t.status, to, now), ...extra.columns };
  await updateTicketColumns(tx, t.id, columns, now);
  await appendHistory(tx, {
    ticketId: t.id, actor: ctx.user, action: extra.action ?? 'status_changed', field: 'status', oldValue: t.status, newValue: to,
    details: extra.reason || extra.pauseReason ? { reason: extra.reason ?? null, pauseReason: extra.pauseReason ?? null } : null, at: now,
  });
  const after = (await findTicketById(tx, t.id)) as Ticket;
  const event: StatusChangeEvent = { from: t.status, to, reason: extra.reason, pauseReason: extra.pauseReason, work: extra.work };
  for (const hook of LIFECYCLE_HOOKS) await hook.onStatusChanged?.(tx, ctx, after, event);
  return after;
}

export async function changeStatus(ctx: ServiceContext, input: StatusChangeInput): Promise<TicketWithSla> {
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, input.id);
    assertVersion(t, input.version);
    const allowed = legalNextStatuses(t.status, { role: ctx.user.role });
    if (!allowed.includes(input.status)) {
      throw new ConflictError(`A ticket in status ${t.status} cannot move to ${input.status}`, { from: t.status, to: input.status, allowed });
    }
    if (input.status === 'assigned' && !t.assignedTo) {
      throw new UnprocessableError('Assign the ticket to someone before marking it assigned', { field: 'assignedTo' });
    }
    if (input.status === 'cancelled' && !input.reason) {
      throw new UnprocessableError('Say why the ticket is cancelled', { field: 'reason' });
    }
    const columns: TicketWrite = {};
    if (input.status === 'resolved') {
      if (input.faultCause) columns.faultCause = input.faultCause;
      if (input.resolutionNotes) columns.resolutionNotes = input.resolutionNotes;
      if (input.faultCauseDetail) columns.faultCauseDetail = input.faultCauseDetail;
    }
    const pauseReason = input.status === 'blocked' ? (input.pauseReason ?? 'other') : undefined;
    const work = input.status === 'resolved' ? input.work : undefined;
    const after = await applyTransition(tx, ctx, t, input.status, { reason: input.reason, pauseReason, columns, work });
    return (await withSla(ctx, tx, [(await findTicketById(tx, after.id)) as Ticket]))[0];
  });
}

export async function assignTicket(ctx: ServiceContext, input: AssignInput): Promise<TicketWithSla> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, input.id);
    assertVersion(t, input.version);
    if (!isOpen(t.status)) throw new ConflictError(`A ${t.status} ticket cannot be reassigned`, { status: t.status });
    if (input.assignedTo === t.assignedTo) return (await withSla(ctx, tx, [t]))[0];
    if (input.assignedTo) await assertAssignable(tx, input.assignedTo);
    await updateTicketColumns(tx, t.id, { assignedTo: input.assignedTo }, now);
    await insertAssignment(tx, { ticketId: t.id, from: t.assignedTo, to: input.assignedTo, by: ctx.user.id, reason: input.reason, at: now });
    await appendHistory(tx, {
      ticketId: t.id, actor: ctx.user, action: input.assignedTo ? 'assigned' : 'unassigned', field: 'assigned_to',
      oldValue: t.assignedTo, newValue: input.assignedTo, details: input.reason ? { reason: input.reason } : null, at: now,
    });
    let current = (await findTicketById(tx, t.id)) as Ticket;
    if (input.assignedTo && (t.status === 'new' || t.status === 'triaged')) {
      current = await applyTransition(tx, ctx, current, 'assigned', { reason: 'assigned' });
    } else if (!input.assignedTo && t.status === 'assigned') {
      current = await applyTransition(tx, ctx, current, 'triaged', { reason: 'unassigned' });
    }
    if (input.assignedTo) await noticeAssignment(tx, ctx, current, input.assignedTo, now);
    return (await withSla(ctx, tx, [current]))[0];
  });
}
