// A ticket's place in a mass incident (its parent, its children, tickets nearby that could join) and unlinking a
// child: the link goes, both tickets record it, and the child's SLA pause for the incident ends.
import { ConflictError } from '@/src/lib/api/errors';
import { appendHistory } from '../../db/historyRepo';
import { findParentId, findMember, listCandidates, listChildren, setParent, type IncidentCandidate, type IncidentMember } from '../../db/incidentRepo';
import { findOpenPause } from '../../db/slaPauseRepo';
import { lockTicket } from '../../db/ticketRepo';
import type { Ticket } from '../../types/tickets';
import type { Actor, ServiceContext } from '../context';
import { isScopedToOwnTickets } from '../permissions';
import { slaHooks } from '../sla/ticketSlaHooks';
import { findVisibleTicket } from '../ticketAccess';
import { isOpen } from '../workflow';
import { PAUSE_NOTE } from './massIncidentService';

export const CANDIDATE_LIMIT = 50;

export interface IncidentView {
  ticket: { id: string; ticketUid: string; status: string; version: number };
  /** 'parent' leads children, 'child' belongs to an incident, 'none' is neither (yet). */
  role: 'parent' | 'child' | 'none';
  parent: IncidentMember | null;
  children: IncidentMember[];
  /** Open tickets on the same pole, PON or zone that could join; only for an open ticket that can lead. */
  candidates: IncidentCandidate[];
}

const visibleTo = (user: Actor) => (m: IncidentMember) => !isScopedToOwnTickets(user.role) || m.assignedTo === user.id;

export async function getIncident(ctx: ServiceContext, ref: string): Promise<IncidentView> {
  const t = await findVisibleTicket(ctx.db, ctx.user, ref);
  const parentId = await findParentId(ctx.db, t.id);
  const parent = parentId ? await findMember(ctx.db, parentId) : null;
  const children = parent ? [] : (await listChildren(ctx.db, t.id)).filter(visibleTo(ctx.user));
  const role = parent ? 'child' : children.length > 0 ? 'parent' : 'none';
  const candidates = !parent && isOpen(t.status) ? (await listCandidates(ctx.db, t.id, CANDIDATE_LIMIT)).filter(visibleTo(ctx.user)) : [];
  return { ticket: { id: t.id, ticketUid: t.ticketUid, status: t.status, version: t.version }, role, parent, children, candidates };
}

/** Ends the child's pause if it is the incident's (a child blocked for its own reason keeps its pause). */
async function endIncidentPause(tx: Parameters<typeof findOpenPause>[0], ctx: ServiceContext, child: Ticket, parentUid: string): Promise<boolean> {
  if (child.status === 'blocked' || !isOpen(child.status)) return false;
  const pause = await findOpenPause(tx, child.id);
  if (!pause || pause.note !== PAUSE_NOTE(parentUid)) return false;
  await slaHooks.onStatusChanged?.(tx, ctx, child, { from: 'blocked', to: child.status });
  return true;
}

/**
 * Takes an open child out of its incident. `version` (the child's, optional) refuses a stale screen. The parent is
 * locked before the child, in the same order as linking, so a link and an unlink of the same incident never deadlock.
 */
export async function unlinkIncidentChild(
  ctx: ServiceContext,
  childRef: string,
  version?: number,
): Promise<{ parentUid: string; unlinked: string; version: number; slaResumed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const seen = await findVisibleTicket(tx, ctx.user, childRef);
    const parentId = await findParentId(tx, seen.id);
    if (!parentId) throw new ConflictError(`${seen.ticketUid} is not part of an incident`, { ticketUid: seen.ticketUid });
    const parent = (await lockTicket(tx, parentId)) as Ticket;
    const child = (await lockTicket(tx, seen.id)) as Ticket;
    if ((await findParentId(tx, child.id)) !== parentId) throw new ConflictError('This ticket was changed by someone else; reload it and try again', { currentVersion: child.version });
    if (version !== undefined && version !== child.version) {
      throw new ConflictError('This ticket was changed by someone else; reload it and try again', { currentVersion: child.version });
    }
    if (!isOpen(child.status)) {
      throw new ConflictError(`${child.ticketUid} is ${child.status}; it stays on the record of incident ${parent.ticketUid}`, { status: child.status });
    }
    const now = ctx.clock.now();
    await setParent(tx, child.id, null, now);
    await appendHistory(tx, { ticketId: child.id, actor: ctx.user, action: 'incident_unlinked', field: 'parent_ticket', oldValue: parent.ticketUid, newValue: null, at: now });
    await appendHistory(tx, { ticketId: parent.id, actor: ctx.user, action: 'incident_child_removed', oldValue: child.ticketUid, at: now });
    const slaResumed = await endIncidentPause(tx, ctx, child, parent.ticketUid);
    return { parentUid: parent.ticketUid, unlinked: child.ticketUid, version: child.version + 1, slaResumed };
  });
}
