// Mass incidents: a parent ticket with children. Linking pauses each child's SLA clock (reason: the incident);
// the parent's status changes and external notes fan out to the open children and, through the outbox, to their
// customers (one message per chat or address, idempotency-keyed); resolving the parent resolves the children.
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import type { Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { countChildren, findParentId, latestExternalNote, openChildren, setParent } from '../../db/incidentRepo';
import { insertNote } from '../../db/noteRepo';
import { enqueueOutbox } from '../../db/outboxRepo';
import { findTicketById } from '../../db/ticketRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import type { TicketLifecycleHook } from '../lifecycle';
import { channelConfigured } from '../notifications/notificationService';
import { slaHooks } from '../sla/ticketSlaHooks';
import { lockVisibleTicket } from '../ticketAccess';
import { isOpen } from '../workflow';
import { incidentMessage, planFanOut, type ChildContact } from './incidentFanOut';

/** The note on a child's SLA pause while it waits for its incident (unlinking ends exactly this pause). */
export const PAUSE_NOTE = (uid: string) => `Part of mass incident ${uid}`;

function assertVersion(t: Ticket, version: number | undefined): void {
  if (version !== undefined && version !== t.version) {
    throw new ConflictError('This ticket was changed by someone else; reload it and try again', { currentVersion: t.version });
  }
}

/** A child named in the request: one the caller cannot see is bad input naming the reference, not a 404 of the route. */
async function lockChild(tx: Queryable, ctx: ServiceContext, ref: string): Promise<Ticket> {
  try {
    return await lockVisibleTicket(tx, ctx.user, ref);
  } catch (err) {
    if (err instanceof NotFoundError) throw new UnprocessableError(`No ticket ${ref.trim()} was found`, { field: 'childIds', ref: ref.trim() });
    throw err;
  }
}

/** Writes one link: the child's parent, history on both, and the child's clock paused for the incident. */
async function attachChild(tx: Queryable, ctx: ServiceContext, parent: Ticket, child: Ticket): Promise<void> {
  const now = ctx.clock.now();
  await setParent(tx, child.id, parent.id, now);
  await appendHistory(tx, { ticketId: child.id, actor: ctx.user, action: 'incident_linked', field: 'parent_ticket', newValue: parent.ticketUid, at: now });
  await appendHistory(tx, { ticketId: parent.id, actor: ctx.user, action: 'incident_child_added', newValue: child.ticketUid, at: now });
  // The child's clock waits for the incident; a blocked child is already paused.
  if (child.status !== 'blocked') await slaHooks.onStatusChanged?.(tx, ctx, child, { from: child.status, to: 'blocked', pauseReason: 'other', reason: PAUSE_NOTE(parent.ticketUid) });
}

/**
 * The repeat-fault rule's link (inside its transaction, rows already locked by the caller's element lock): adopts the
 * open tickets that are free (in no incident, leading none) under an open parent; the rest are left as they are.
 */
export async function adoptIntoIncident(tx: Queryable, ctx: ServiceContext, parent: Ticket, children: Ticket[]): Promise<string[]> {
  if (!isOpen(parent.status) || (await findParentId(tx, parent.id))) return [];
  const adopted: string[] = [];
  for (const child of children) {
    if (child.id === parent.id || !isOpen(child.status) || (await findParentId(tx, child.id)) || (await countChildren(tx, child.id)) > 0) continue;
    await attachChild(tx, ctx, parent, child);
    adopted.push(child.ticketUid);
  }
  return adopted;
}

/**
 * Links open tickets under an open parent, all or nothing. `version` (the parent's, optional) refuses a stale screen.
 * Incidents are one level deep: a parent is never a child, a child never leads, so no cycle can form.
 */
export async function linkIncidentChildren(ctx: ServiceContext, parentRef: string, childRefs: string[], version?: number): Promise<{ parentUid: string; linked: string[] }> {
  return ctx.db.transaction(async (tx) => {
    const parent = await lockVisibleTicket(tx, ctx.user, parentRef);
    assertVersion(parent, version);
    if (!isOpen(parent.status)) throw new ConflictError(`Ticket ${parent.ticketUid} is ${parent.status}; only an open ticket can lead an incident`);
    if (await findParentId(tx, parent.id)) throw new UnprocessableError(`${parent.ticketUid} is itself part of an incident`, { field: 'parentId' });
    const linked: string[] = [];
    for (const ref of childRefs) {
      const child = await lockChild(tx, ctx, ref);
      if (child.id === parent.id) throw new UnprocessableError('A ticket cannot be its own parent', { field: 'childIds' });
      if ((await countChildren(tx, child.id)) > 0) throw new UnprocessableError(`${child.ticketUid} leads an incident of its own`, { field: 'childIds' });
      const current = await findParentId(tx, child.id);
      if (current === parent.id) continue;
      if (current) throw new ConflictError(`${child.ticketUid} already belongs to another incident`);
      if (!isOpen(child.status)) throw new ConflictError(`${child.ticketUid} is ${child.status}; only an open ticket can join an incident`, { ticketUid: child.ticketUid, status: child.status });
      await attachChild(tx, ctx, parent, child);
      linked.push(child.ticketUid);
    }
    return { parentUid: parent.ticketUid, linked };
  });
}

async function notifyCustomers(tx: Queryable, ctx: ServiceContext, parent: Ticket, children: ChildContact[], updateKey: string, update: { status?: string; note?: string }): Promise<number> {
  let queued = 0;
  for (const d of planFanOut(parent.id, updateKey, children)) {
    if (!channelConfigured(ctx.config, d.channel)) continue;
    const text = incidentMessage(parent.ticketUid, d.ticketUids, update);
    const payload = d.channel === 'whatsapp'
      ? { chatId: d.address, text, template: 'incident.update' }
      : { to: d.address, subject: `Update on network incident ${parent.ticketUid}`, text, template: 'incident.update' };
    const r = await enqueueOutbox(tx, {
      kind: d.channel === 'whatsapp' ? OUTBOX_KINDS.whatsapp : OUTBOX_KINDS.email, payload, idempotencyKey: d.idempotencyKey,
      ticketId: d.ticketId, maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, runAt: ctx.clock.now(),
    });
    if (r.created) queued += 1;
  }
  return queued;
}

async function onParentStatus(tx: Queryable, ctx: ServiceContext, parent: Ticket, to: string): Promise<void> {
  const children = await openChildren(tx, parent.id);
  if (children.length === 0) return;
  const now = ctx.clock.now();
  const finished = to === 'resolved' || to === 'closed' || to === 'cancelled';
  const { applyTransition } = await import('../ticketWorkflowService');
  for (const c of children) {
    await insertNote(tx, { ticketId: c.ticketId, noteType: 'system', channel: null, body: `Mass incident ${parent.ticketUid} is now ${to}.`, authorId: ctx.user.id, authorName: ctx.user.name, at: now });
    if (!finished) continue;
    const child = (await findTicketById(tx, c.ticketId)) as Ticket;
    // Resume the clock the incident paused, then (unless the incident was cancelled) resolve the child with a note.
    if (child.status !== 'blocked') await slaHooks.onStatusChanged?.(tx, ctx, child, { from: 'blocked', to: child.status });
    if (to !== 'cancelled') {
      await applyTransition(tx, ctx, child, 'resolved', { reason: `Resolved with mass incident ${parent.ticketUid}`, columns: { resolutionNotes: `Resolved with mass incident ${parent.ticketUid}` } });
    }
  }
  const queued = await notifyCustomers(tx, ctx, parent, children, `status:${parent.version}`, { status: to });
  await appendHistory(tx, { ticketId: parent.id, actor: ctx.user, action: 'incident_fanned_out', newValue: to, details: { children: children.length, messagesQueued: queued }, at: now });
}

async function onParentNote(tx: Queryable, ctx: ServiceContext, parent: Ticket): Promise<void> {
  const children = await openChildren(tx, parent.id);
  const note = children.length ? await latestExternalNote(tx, parent.id) : null;
  if (!note) return;
  const now = ctx.clock.now();
  for (const c of children) {
    await insertNote(tx, { ticketId: c.ticketId, noteType: 'external', channel: 'web', body: `[Incident ${parent.ticketUid}] ${note.body}`, authorId: ctx.user.id, authorName: ctx.user.name, at: now });
  }
  const queued = await notifyCustomers(tx, ctx, parent, children, `note:${note.id}`, { note: note.body });
  await appendHistory(tx, { ticketId: parent.id, actor: ctx.user, action: 'incident_fanned_out', details: { noteId: note.id, children: children.length, messagesQueued: queued }, at: now });
}

export const incidentHooks: TicketLifecycleHook = {
  name: 'mass-incident',
  onStatusChanged: (tx, ctx, ticket, event) => onParentStatus(tx, ctx, ticket, event.to),
  async onNoteAdded(tx, ctx, ticket, event) {
    // What we tell the incident's customers goes to every child; a customer's own message to the parent stays there.
    if (event.noteType === 'external' && event.direction !== 'inbound') await onParentNote(tx, ctx, ticket);
  },
};
