// One QContact case onto its FT ticket, in one transaction: create it (billing and SLA from the case's creation time),
// or apply only what QContact changed since we last saw it (history by "QContact"), its status through the inbound
// table and the conflict rule, and its new public timeline events as external notes, once. Nothing changed: no write.
import type { Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { insertNote } from '../../db/noteRepo';
import { lockLinkByCaseId, loadMappings, markEventSeen, saveLink, seenEventIds } from '../../db/qcontactRepo';
import { findTicketById, findTicketByUid, insertTicket, lockTicket, updateTicketColumns, type TicketWrite } from '../../db/ticketRepo';
import {
  changedCaseFields, decideStatus, mapCase, mapInboundStatus, publicNotes, type CaseFields, type MappedCase, type QcontactMappings,
} from '../../integrations/qcontact/caseMapping';
import type { QcontactCaseDetail, QcontactEvent } from '../../integrations/qcontact/qcontactClient';
import type { TicketStatus } from '../../types/enums';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import { LIFECYCLE_HOOKS } from '../lifecycle';
import { resolveOrganisation } from '../ticketService';
import { applyTransition } from '../ticketWorkflowService';
import { QCONTACT_ACTOR } from './qcontactActor';


export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  outcome: UpsertOutcome;
  ticketId: string;
  ticketUid: string;
  notesAdded: number;
  conflict: boolean;
}

/** Case fields that are ticket columns (subcategory and ONT serial live on the link). */
const TICKET_FIELDS = ['title', 'description', 'category', 'priority', 'ticketType', 'reporterName', 'reporterPhone', 'reporterEmail', 'address', 'gpsLat', 'gpsLng', 'drNumber'] as const;

type Ctx = Pick<ServiceContext, 'db' | 'clock' | 'log' | 'config'>;

async function createFromCase(tx: Queryable, ctx: ServiceContext, m: MappedCase): Promise<Ticket> {
  const f = m.fields;
  const org = await resolveOrganisation(tx, { drNumber: f.drNumber });
  const values: TicketWrite = {
    ticketUid: m.ticketUid, source: 'qcontact', externalId: m.caseId, ticketType: f.ticketType, category: f.category, priority: f.priority,
    status: 'new', title: f.title, description: f.description, drNumber: f.drNumber, dropId: org.dropId, projectId: org.projectId,
    clientId: org.clientId, reporterName: f.reporterName, reporterPhone: f.reporterPhone, reporterEmail: f.reporterEmail,
    address: f.address ?? org.address, gpsLat: f.gpsLat, gpsLng: f.gpsLng, createdBy: null, createdAt: m.createdAt,
  };
  const id = await insertTicket(tx, values);
  await appendHistory(tx, { ticketId: id, actor: ctx.user, action: 'created', newValue: m.ticketUid, details: { source: 'qcontact', caseId: m.caseId }, at: ctx.clock.now() });
  const created = (await findTicketById(tx, id)) as Ticket;
  for (const hook of LIFECYCLE_HOOKS) await hook.onCreated?.(tx, ctx, created);
  return (await findTicketById(tx, id)) as Ticket;
}

/** Writes the case fields QContact changed since `before` (all differing ones for a ticket adopted without a link). */
async function applyFieldChanges(tx: Queryable, ctx: ServiceContext, t: Ticket, before: Partial<CaseFields> | null, m: MappedCase): Promise<boolean> {
  const candidates = before ? changedCaseFields(before, m.fields) : (Object.keys(m.fields) as (keyof CaseFields)[]).filter((k) => m.fields[k] !== null);
  const changes: TicketWrite = {};
  for (const k of candidates) {
    if (!(TICKET_FIELDS as readonly string[]).includes(k)) continue;
    if ((t[k as keyof Ticket] ?? null) !== m.fields[k]) changes[k as keyof TicketWrite] = m.fields[k];
  }
  const fields = Object.keys(changes);
  if (fields.length === 0) return false;
  if ('drNumber' in changes) {
    const org = await resolveOrganisation(tx, { drNumber: changes.drNumber as string | null });
    // A drop we do not know keeps the ticket's project and client.
    if (org.dropId) Object.assign(changes, { dropId: org.dropId, projectId: org.projectId, clientId: org.clientId });
    else changes.dropId = null;
  }
  const now = ctx.clock.now();
  await updateTicketColumns(tx, t.id, changes, now);
  for (const f of fields) {
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'updated', field: f, oldValue: t[f as keyof Ticket], newValue: changes[f as keyof TicketWrite], at: now });
  }
  const after = (await findTicketById(tx, t.id)) as Ticket;
  for (const hook of LIFECYCLE_HOOKS) await hook.onUpdated?.(tx, ctx, t, after, Object.keys(changes));
  return true;
}

async function applyStatus(tx: Queryable, ctx: ServiceContext, t: Ticket, m: MappedCase, incoming: TicketStatus, last: { statusLabel: string | null; syncedStatus: string | null }): Promise<{ changed: boolean; conflict: boolean }> {
  const d = decideStatus({ label: m.statusLabel, incoming, lastLabel: last.statusLabel, syncedStatus: last.syncedStatus, current: t.status });
  if (d.action === 'none') return { changed: false, conflict: false };
  const reason = `QContact status "${m.statusLabel}"`;
  await applyTransition(tx, ctx, t, d.to, { reason, action: 'status_changed' });
  if (d.conflict) {
    const now = ctx.clock.now();
    const body = `Status conflict: both sides changed the status since the last sync. QContact's "${m.statusLabel}" (${d.to}) was kept over ours (${t.status}).`;
    await insertNote(tx, { ticketId: t.id, noteType: 'system', channel: 'qcontact', body, authorId: null, authorName: QCONTACT_ACTOR.name, at: now });
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'qcontact_conflict', field: 'status', oldValue: t.status, newValue: d.to, details: { label: m.statusLabel, syncedStatus: last.syncedStatus }, at: now });
  }
  return { changed: true, conflict: d.conflict };
}

async function addTimelineNotes(tx: Queryable, ctx: ServiceContext, ticketId: string, m: MappedCase, events: readonly QcontactEvent[]): Promise<number> {
  const seen = await seenEventIds(tx, m.caseId);
  let added = 0;
  for (const n of publicNotes(events, ctx.config.QCONTACT_EMAIL, m.createdAt)) {
    if (seen.has(n.eventId)) continue;
    const note = await insertNote(tx, { ticketId, noteType: 'external', channel: 'qcontact', body: n.body, authorId: null, authorName: n.author, at: n.at });
    await markEventSeen(tx, { caseId: m.caseId, eventId: n.eventId, ticketId, noteId: note.id, at: ctx.clock.now() });
    await appendHistory(tx, { ticketId, actor: ctx.user, action: 'note_added', details: { noteId: note.id, noteType: 'external', qcontactEventId: n.eventId }, at: ctx.clock.now() });
    added += 1;
  }
  if (added) await updateTicketColumns(tx, ticketId, {}, ctx.clock.now());
  return added;
}

/**
 * Creates or updates the ticket of one case. Throws CaseMappingError for a case that cannot be a ticket.
 * `mappings`: the mapping tables when the caller already read them (a sync reads them once per run).
 */
export async function upsertCase(deps: Ctx, detail: QcontactCaseDetail, events: readonly QcontactEvent[], mappings?: QcontactMappings): Promise<UpsertResult> {
  const maps = mappings ?? (await loadMappings(deps.db));
  const m = mapCase(detail, maps);
  const inbound = mapInboundStatus(m.statusLabel, maps.inbound);
  const ctx: ServiceContext = { ...deps, user: QCONTACT_ACTOR };
  return deps.db.transaction(async (tx) => {
    let link = await lockLinkByCaseId(tx, m.caseId);
    let ticket = link ? await lockTicket(tx, link.ticketId) : null;
    if (!ticket) {
      // A ticket may already carry this FT number (the weekly report, or an agent typed it in): adopt it.
      const byUid = await findTicketByUid(tx, m.ticketUid);
      ticket = byUid ? await lockTicket(tx, byUid.id) : null;
      link = null;
    }
    if (link && link.caseUpdatedAt === m.updatedAt && changedCaseFields(link.snapshot, m.fields).length === 0 && link.statusLabel === m.statusLabel) {
      const notes = await addTimelineNotes(tx, ctx, link.ticketId, m, events);
      return { outcome: notes ? 'updated' : 'unchanged', ticketId: link.ticketId, ticketUid: m.ticketUid, notesAdded: notes, conflict: false };
    }
    let outcome: UpsertOutcome = 'unchanged';
    let conflict = false;
    let current: Ticket;
    if (!ticket) {
      // Inserted by this transaction (so locked), and read back after its hooks ran: current as it is.
      current = await createFromCase(tx, ctx, m);
      outcome = 'created';
    } else {
      if (await applyFieldChanges(tx, ctx, ticket, link ? link.snapshot : null, m)) outcome = 'updated';
      current = (await lockTicket(tx, ticket.id)) as Ticket;
    }
    const s = await applyStatus(tx, ctx, current, m, inbound.status, outcome === 'created' || !link ? { statusLabel: null, syncedStatus: null } : link);
    conflict = s.conflict;
    if (s.changed && outcome === 'unchanged') outcome = 'updated';
    const notes = await addTimelineNotes(tx, ctx, current.id, m, events);
    if (notes && outcome === 'unchanged') outcome = 'updated';
    // Notes do not move the status: only a transition (and the hooks it ran) needs reading back.
    const finalStatus = s.changed ? ((await findTicketById(tx, current.id)) as Ticket).status : current.status;
    await saveLink(tx, {
      ticketId: current.id, caseId: m.caseId, caseNumber: m.number, caseUpdatedAt: m.updatedAt, statusLabel: m.statusLabel,
      // QContact's status moved (or is new to us): both sides now agree on the result; else ours stands as it was.
      syncedStatus: !link || link.statusLabel !== m.statusLabel ? finalStatus : link.syncedStatus, unknownStatus: !inbound.known,
      subcategory: m.fields.subcategory, ontSerial: m.fields.ontSerial, snapshot: m.fields, at: ctx.clock.now(),
    });
    if (outcome !== 'unchanged') deps.log.info({ ticketUid: m.ticketUid, caseId: m.caseId, outcome, conflict, notes }, 'qcontact case applied');
    return { outcome, ticketId: current.id, ticketUid: m.ticketUid, notesAdded: notes, conflict };
  });
}
