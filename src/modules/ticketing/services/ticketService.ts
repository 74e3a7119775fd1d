// Ticket use cases: create (any source, with its UID), read, update with optimistic concurrency, soft delete.
import type { Queryable } from '@/src/lib/db';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '@/src/lib/api/errors';
import { appendHistory } from '../db/historyRepo';
import { clientExists, findDropByDr, findProjectClient } from '../db/dropRepo';
import { findTicketById, findTicketByExternalId, findTicketByUid, insertTicket, nextCounterValue, softDeleteTicket, updateTicketColumns, type TicketWrite } from '../db/ticketRepo';
import { addTags } from '../db/tagRepo';
import { insertAssignment } from '../db/assignmentRepo';
import { findActiveUser } from '../db/userDirectoryRepo';
import type { CreateTicketInput, Ticket, UpdateTicketInput } from '../types/tickets';
import type { ServiceContext } from './context';
import { noticeAssignment } from './assignmentNotice';
import { LIFECYCLE_HOOKS } from './lifecycle';
import { canonicalEta, checkEta } from './eta';
import { canCreateFromSource } from './permissions';
import { attachSlaViews, type TicketWithSla } from './sla/slaView';
import { findVisibleTicket, isUniqueViolation, lockVisibleTicket } from './ticketAccess';
import { planUid, qcontactDigits, type UidRuleError } from './uid';

export interface Organisation {
  dropId: string | null;
  projectId: string | null;
  clientId: string | null;
  address: string | null;
}

/** Drop -> project -> client; an explicit project or client must exist and agree with the drop. */
export async function resolveOrganisation(
  q: Queryable,
  input: { drNumber?: string | null; projectId?: string | null; clientId?: string | null },
): Promise<Organisation> {
  const drop = input.drNumber ? await findDropByDr(q, input.drNumber) : null;
  let projectId = input.projectId ?? drop?.projectId ?? null;
  if (drop && input.projectId && input.projectId !== drop.projectId) {
    throw new UnprocessableError(`${drop.drNumber} belongs to project ${drop.projectName}, not the project given`, { field: 'projectId' });
  }
  let clientId = input.clientId ?? null;
  if (projectId) {
    const projectClient = await findProjectClient(q, projectId);
    if (!projectClient) throw new UnprocessableError('Unknown project', { field: 'projectId' });
    if (clientId && clientId !== projectClient) throw new UnprocessableError('The project belongs to another client', { field: 'clientId' });
    clientId = projectClient;
  } else if (clientId && !(await clientExists(q, clientId))) {
    throw new UnprocessableError('Unknown client', { field: 'clientId' });
  }
  projectId = projectId ?? null;
  return { dropId: drop?.id ?? null, projectId, clientId, address: drop?.address ?? null };
}

export async function assertAssignable(q: Queryable, userId: string): Promise<{ id: string; name: string }> {
  const user = await findActiveUser(q, userId);
  if (!user || user.role === 'finance') throw new UnprocessableError('The assignee must be an active user who works tickets', { field: 'assignedTo' });
  return user;
}

export async function withSla(ctx: ServiceContext, q: Queryable, tickets: Ticket[]): Promise<TicketWithSla[]> {
  return attachSlaViews(q, tickets, ctx.clock.now());
}

async function reload(tx: Queryable, id: string): Promise<Ticket> {
  const t = await findTicketById(tx, id);
  if (!t) throw new NotFoundError('Ticket');
  return t;
}

function uidFor(input: CreateTicketInput): ReturnType<typeof planUid> {
  try {
    return planUid(input.source, { drNumber: input.drNumber, qcontactRef: input.qcontactRef });
  } catch (err) {
    // planUid is pure and throws nothing but UidRuleError.
    const e = err as UidRuleError;
    throw new ValidationError(e.message, { location: 'body', fields: [{ field: e.field, message: e.message, code: 'uid_rule' }] });
  }
}

export async function createTicket(ctx: ServiceContext, input: CreateTicketInput): Promise<TicketWithSla> {
  const now = ctx.clock.now();
  if (!canCreateFromSource(ctx.user.role, input.source)) {
    throw new ForbiddenError(`Tickets of source ${input.source} are created by their own channel`);
  }
  const plan = uidFor(input);
  const externalId = input.externalId ?? (input.source === 'qcontact' && input.qcontactRef ? qcontactDigits(input.qcontactRef) : null);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (externalId) {
        const existing = await findTicketByExternalId(tx, input.source, externalId);
        if (existing) throw new ConflictError(`This ${input.source} item already has ticket ${existing.ticketUid}`, { ticketUid: existing.ticketUid });
      }
      const org = await resolveOrganisation(tx, input);
      if (input.assignedTo) await assertAssignable(tx, input.assignedTo);
      const uid = plan.kind === 'fixed' ? plan.uid : plan.format(await nextCounterValue(tx, plan.counterKey));
      if (plan.kind === 'fixed' && (await findTicketByUid(tx, uid))) throw new ConflictError(`Ticket ${uid} already exists`, { ticketUid: uid });
      const values: TicketWrite = {
        ticketUid: uid, source: input.source, externalId, ticketType: input.ticketType, category: input.category ?? null,
        priority: input.priority, status: input.assignedTo ? 'assigned' : 'new', title: input.title,
        description: input.description ?? null, drNumber: input.drNumber ?? null, dropId: org.dropId,
        projectId: org.projectId, clientId: org.clientId, reporterName: input.reporterName ?? null,
        reporterPhone: input.reporterPhone ?? null, reporterEmail: input.reporterEmail ?? null,
        address: input.address ?? org.address, gpsLat: input.gpsLat ?? null, gpsLng: input.gpsLng ?? null,
        assignedTo: input.assignedTo ?? null, createdBy: ctx.user.id, createdAt: now,
      };
      const id = await insertTicket(tx, values);
      if (input.tags?.length) await addTags(tx, id, input.tags, ctx.user.id, now);
      await appendHistory(tx, { ticketId: id, actor: ctx.user, action: 'created', newValue: uid, details: { source: input.source }, at: now });
      if (input.assignedTo) await insertAssignment(tx, { ticketId: id, from: null, to: input.assignedTo, by: ctx.user.id, reason: 'assigned at creation', at: now });
      const created = await reload(tx, id);
      for (const hook of LIFECYCLE_HOOKS) await hook.onCreated?.(tx, ctx, created);
      const final = await reload(tx, id);
      if (input.assignedTo) await noticeAssignment(tx, ctx, final, input.assignedTo, now);
      const [view] = await withSla(ctx, tx, [final]);
      ctx.log.info({ ticketUid: uid, source: input.source }, 'ticket created');
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('A ticket with this UID or external id already exists');
    throw err;
  }
}

export async function getTicket(ctx: ServiceContext, idOrUid: string): Promise<TicketWithSla> {
  const [view] = await withSla(ctx, ctx.db, [await findVisibleTicket(ctx.db, ctx.user, idOrUid)]);
  return view;
}

const TRACKED: (keyof UpdateTicketInput & keyof Ticket & keyof TicketWrite)[] = [
  'ticketType', 'category', 'priority', 'title', 'description', 'drNumber', 'projectId', 'clientId', 'reporterName',
  'reporterPhone', 'reporterEmail', 'address', 'gpsLat', 'gpsLng', 'faultCause', 'etaAt',
];

/** The request with its ETA in canonical form; a changed ETA outside its range is refused (400) before anything is written. */
export function withCheckedEta(before: Ticket, input: UpdateTicketInput, now: Date): UpdateTicketInput {
  if (input.etaAt === undefined) return input;
  const check = checkEta(input.etaAt, now);
  if (check.ok) return { ...input, etaAt: check.etaAt };
  if (canonicalEta(input.etaAt) === before.etaAt) return { ...input, etaAt: before.etaAt }; // unchanged: no new promise
  throw new ValidationError(check.message, { location: 'body', fields: [{ field: 'etaAt', message: check.message, code: 'eta_range' }] });
}

/** The fields whose requested value differs from the stored one. */
export function changedFields(before: Ticket, input: UpdateTicketInput): TicketWrite {
  const out: TicketWrite = {};
  for (const f of TRACKED) {
    const next = input[f];
    if (next !== undefined && (next ?? null) !== (before[f] ?? null)) out[f] = next ?? null;
  }
  return out;
}

export async function updateTicket(ctx: ServiceContext, idOrUid: string, input: UpdateTicketInput): Promise<TicketWithSla> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await lockVisibleTicket(tx, ctx.user, idOrUid);
    if (before.version !== input.version) {
      throw new ConflictError('This ticket was changed by someone else; reload it and apply your change again', { currentVersion: before.version });
    }
    const changes = changedFields(before, withCheckedEta(before, input, now));
    if ('drNumber' in changes || 'projectId' in changes || 'clientId' in changes) {
      const drNumber = 'drNumber' in changes ? (changes.drNumber as string | null) : before.drNumber;
      // A new drop brings its own project and client; clearing or changing to an unknown DR keeps what the ticket had.
      const newDrop = 'drNumber' in changes && drNumber ? await findDropByDr(tx, drNumber) : null;
      const projectId = 'projectId' in changes ? (changes.projectId as string | null) : newDrop ? newDrop.projectId : before.projectId;
      const clientId = 'clientId' in changes ? (changes.clientId as string | null) : newDrop || 'projectId' in changes ? null : before.clientId;
      const org = await resolveOrganisation(tx, { drNumber, projectId, clientId });
      Object.assign(changes, { dropId: org.dropId, projectId: org.projectId, clientId: org.clientId });
    }
    const fields = Object.keys(changes).filter((f) => changes[f as keyof TicketWrite] !== before[f as keyof Ticket]);
    if (fields.length === 0) return (await withSla(ctx, tx, [before]))[0];
    await updateTicketColumns(tx, before.id, changes, now, input.version);
    for (const f of fields) {
      // A DR change moves the ticket to another drop; its UID (built from the first DR) never changes, and says so.
      const details = f === 'drNumber' ? { ticketUid: before.ticketUid } : undefined;
      await appendHistory(tx, { ticketId: before.id, actor: ctx.user, action: 'updated', field: f, oldValue: before[f as keyof Ticket], newValue: changes[f as keyof TicketWrite], details, at: now });
    }
    const after = await reload(tx, before.id);
    for (const hook of LIFECYCLE_HOOKS) await hook.onUpdated?.(tx, ctx, before, after, fields);
    const final = await reload(tx, before.id);
    // A hook moved the status (billing sent started work back to pending_approval): the others hear of it as a
    // status change, so a blocked ticket's SLA pause is closed like any other unblock.
    if (final.status !== after.status) {
      for (const hook of LIFECYCLE_HOOKS) await hook.onStatusChanged?.(tx, ctx, final, { from: after.status, to: final.status, reason: 'billing reclassified' });
    }
    return (await withSla(ctx, tx, [await reload(tx, before.id)]))[0];
  });
}

export async function deleteTicket(ctx: ServiceContext, idOrUid: string): Promise<{ id: string; ticketUid: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, idOrUid);
    await softDeleteTicket(tx, t.id, now);
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'deleted', at: now });
    return { id: t.id, ticketUid: t.ticketUid };
  });
}
