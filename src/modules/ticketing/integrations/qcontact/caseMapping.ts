// Pure mapping of a QContact case to our ticket fields, the category -> priority table, the status tables both ways,
// the conflict rule, and which timeline events become external notes. No I/O: every input is passed in.
import type { TicketPriority, TicketStatus, TicketType } from '../../types/enums';
import type { QcontactCaseDetail, QcontactEvent } from './qcontactClient';

export interface CategoryRule {
  category: string;
  /** '' = any subcategory of the category. */
  subcategory: string;
  priority: TicketPriority;
  ticketType: TicketType;
}

export interface QcontactMappings {
  categories: readonly CategoryRule[];
  /** QContact status label -> our status. */
  inbound: Readonly<Record<string, TicketStatus>>;
  /** Our status -> QContact write value (null: not written back). */
  outbound: Readonly<Record<string, string | null>>;
}

/** The fields of a ticket a case decides; kept as the link's snapshot so only QContact's own changes are applied. */
export interface CaseFields {
  title: string;
  description: string | null;
  category: string | null;
  subcategory: string | null;
  priority: TicketPriority;
  ticketType: TicketType;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  address: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  drNumber: string | null;
  ontSerial: string | null;
}

export interface MappedCase {
  caseId: string;
  number: string;
  ticketUid: string;
  createdAt: Date;
  updatedAt: string;
  statusLabel: string;
  fields: CaseFields;
}

/** A case we cannot turn into a ticket; the reason is shown in the review queue. */
export class CaseMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseMappingError';
  }
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/** The FT reference in a case label: " FT490441" or "Connection Issue FT657323" -> "490441". */
export function ftNumber(label: unknown): string | null {
  const m = /\bFT(\d{3,12})\b/i.exec(String(label ?? ''));
  return m ? m[1] : null;
}

/** "Connectivity::ONT/Gizzu" or "Connectivity|Link Light" -> [category, subcategory]. */
export function splitCategory(raw: unknown): { category: string | null; subcategory: string | null } {
  const s = text(raw);
  if (!s) return { category: null, subcategory: null };
  const [cat, ...rest] = s.split(/::|\|/);
  return { category: text(cat), subcategory: text(rest.join(' ')) };
}

/** "lat,lng" -> numbers, or nulls when the pin is missing or out of range. */
export function parsePin(raw: unknown): { lat: number | null; lng: number | null } {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(String(raw ?? ''));
  if (!m) return { lat: null, lng: null };
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { lat: null, lng: null };
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}

/** The drop: the DR number in the DR relationship's label (the flat field is only the linked entity's id). */
export function drFromCase(c: Pick<QcontactCaseDetail, 'fields' | 'relationships'>): string | null {
  for (const candidate of [c.relationships?.c__dr_number?.label, c.fields.c__drop_number, c.fields.c__dr_number]) {
    const m = /\bDR(\d{7})\b/.exec(String(candidate ?? ''));
    if (m) return `DR${m[1]}`;
  }
  return null;
}

/** Exact category + subcategory first, then the category alone, then medium / fault. */
export function ruleForCategory(rules: readonly CategoryRule[], category: string | null, subcategory: string | null): Pick<CategoryRule, 'priority' | 'ticketType'> {
  const norm = (s: string | null) => (s ?? '').trim().toLowerCase();
  const exact = rules.find((r) => norm(r.category) === norm(category) && norm(r.subcategory) === norm(subcategory) && norm(subcategory) !== '');
  const general = rules.find((r) => norm(r.category) === norm(category) && norm(r.subcategory) === '');
  return exact ?? general ?? { priority: 'medium', ticketType: 'fault' };
}

const MAX_TITLE = 300;

export function mapCase(c: QcontactCaseDetail, maps: Pick<QcontactMappings, 'categories'>): MappedCase {
  if (c === null || typeof c !== 'object' || c.id === undefined || c.id === null || !c.fields || typeof c.fields !== 'object') {
    throw new CaseMappingError('Not a QContact case: id and fields are required');
  }
  const number = ftNumber(c.label) ?? ftNumber(c.fields.reference);
  if (!number) throw new CaseMappingError(`Case ${String(c.id)} has no FT reference in its label ("${String(c.label ?? '').trim()}")`);
  const createdAt = new Date(String(c.created_at ?? ''));
  if (Number.isNaN(createdAt.getTime())) throw new CaseMappingError(`Case ${String(c.id)} has no valid created_at ("${String(c.created_at)}")`);
  const { category, subcategory } = splitCategory(c.fields.category);
  const rule = ruleForCategory(maps.categories, category, subcategory);
  const pin = parsePin(c.fields.c__location_pin);
  const labelText = text(String(c.label ?? '').replace(/\bFT\d+\b/i, ''));
  const title = (labelText ? `${labelText} FT${number}` : [category, subcategory].filter(Boolean).join(': ') || `QContact case FT${number}`).slice(0, MAX_TITLE);
  const email = text(c.fields.email);
  return {
    caseId: String(c.id),
    number,
    ticketUid: `FT${number}`,
    createdAt,
    updatedAt: String(c.updated_at ?? c.created_at),
    statusLabel: caseStatusLabel(c),
    fields: {
      title,
      description: text(c.fields.description),
      category,
      subcategory,
      priority: rule.priority,
      ticketType: rule.ticketType,
      reporterName: text(c.relationships?.contact?.label) ?? text(c.fields.contact_name),
      reporterPhone: text(c.fields.telephone),
      reporterEmail: email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null,
      address: text(c.fields.address),
      gpsLat: pin.lat,
      gpsLng: pin.lng,
      drNumber: drFromCase(c),
      ontSerial: text(c.fields.c__serial_number),
    },
  };
}

/** The snapshot fields whose value differs between what we saw last time and what QContact has now. */
export function changedCaseFields(before: Partial<CaseFields>, after: CaseFields): (keyof CaseFields)[] {
  return (Object.keys(after) as (keyof CaseFields)[]).filter((k) => (before[k] ?? null) !== after[k]);
}

/** The status label a case shows ('' when it shows none). */
export function caseStatusLabel(c: Pick<QcontactCaseDetail, 'fields'>): string {
  return text(c.fields.status) ?? '';
}

export function mapInboundStatus(label: string, inbound: QcontactMappings['inbound']): { status: TicketStatus; known: boolean } {
  const hit = Object.entries(inbound).find(([k]) => k.trim().toLowerCase() === label.trim().toLowerCase());
  return hit ? { status: hit[1], known: true } : { status: 'new', known: false };
}

/** "In Progress" took the write "InProgress": QContact shows labels, we write values; compare without spaces or case. */
export function statusTook(label: unknown, writeValue: string): boolean {
  const norm = (s: string) => s.replace(/[\s_-]+/g, '').toLowerCase();
  return norm(String(label ?? '')) === norm(writeValue);
}

export type StatusDecision = { action: 'none' } | { action: 'apply'; to: TicketStatus; conflict: boolean };

const OPEN_WORK: ReadonlySet<TicketStatus> = new Set(['new', 'triaged', 'assigned', 'in_progress', 'blocked']);

/**
 * What QContact's status means for our ticket. Nothing when QContact's label is what we saw last time (our own
 * changes stand and are written back). When QContact changed it, its value wins; if we changed ours too since the
 * last sync, that is a conflict (noted on the ticket). Billable work waiting for approval stays there unless
 * QContact closes the case.
 */
export function decideStatus(o: { label: string; incoming: TicketStatus; lastLabel: string | null; syncedStatus: string | null; current: TicketStatus }): StatusDecision {
  if (o.lastLabel !== null && o.label === o.lastLabel) return { action: 'none' };
  if (o.incoming === o.current) return { action: 'none' };
  if (o.current === 'pending_approval' && OPEN_WORK.has(o.incoming)) return { action: 'none' };
  const weChanged = o.syncedStatus !== null && o.current !== o.syncedStatus;
  return { action: 'apply', to: o.incoming, conflict: weChanged };
}

export interface TimelineNote {
  eventId: string;
  body: string;
  author: string;
  at: Date;
}

const stripHtml = (s: string) => s.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();

/** The case's public timeline events, oldest first, except those our own account wrote (no ping-pong). */
export function publicNotes(events: readonly QcontactEvent[], ourEmail: string | undefined, fallbackAt: Date): TimelineNote[] {
  const ours = (ourEmail ?? '').trim().toLowerCase();
  const out: TimelineNote[] = [];
  for (const e of events) {
    if (e.public_note !== true) continue;
    if (ours && (e.user?.email ?? '').trim().toLowerCase() === ours) continue;
    const body = stripHtml(String(e.content ?? e.html ?? e.subtitle ?? ''));
    if (!body) continue;
    const at = new Date(String(e.raised_at ?? e.created_at ?? ''));
    out.push({ eventId: String(e.id), body: body.slice(0, 10_000), author: text(e.user?.label) ?? 'QContact', at: Number.isNaN(at.getTime()) ? fallbackAt : at });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.eventId.localeCompare(b.eventId));
}
