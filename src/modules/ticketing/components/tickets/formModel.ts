// Pure: which fields each source needs, and turning the form's strings into the create and update request bodies.
import type { TicketSource } from '../../types/enums';
import type { TicketView } from '../../hooks/types';

export type Need = 'required' | 'optional' | 'hidden';

export interface SourceRules {
  dr: Need;
  qcontactRef: Need;
  hint: string;
}

export const SOURCE_RULES: Record<TicketSource, SourceRules> = {
  qcontact: { dr: 'optional', qcontactRef: 'required', hint: 'A QContact case: its number becomes the UID (FT…).' },
  whatsapp: { dr: 'required', qcontactRef: 'hidden', hint: 'A WhatsApp message about a drop: the UID is the DR number and a sequence.' },
  whatsapp_outbound: { dr: 'required', qcontactRef: 'hidden', hint: 'A conversation we start about a drop: the UID is the DR number and a sequence.' },
  email: { dr: 'optional', qcontactRef: 'hidden', hint: 'Mail to the tickets address: give the sender’s email.' },
  construction: { dr: 'required', qcontactRef: 'hidden', hint: 'A construction snag on a drop: the UID is the DR number and a sequence.' },
  internal: { dr: 'optional', qcontactRef: 'hidden', hint: 'Work raised by our own staff (FF-…).' },
  adhoc: { dr: 'hidden', qcontactRef: 'hidden', hint: 'A one-off job with no drop (AH-…).' },
  weekly_report: { dr: 'optional', qcontactRef: 'optional', hint: 'A row of the client’s weekly report: its FT reference, else its DR number.' },
};

export const FORM_FIELDS = [
  'source', 'qcontactRef', 'ticketType', 'priority', 'title', 'description', 'category', 'drNumber', 'reporterName',
  'reporterPhone', 'reporterEmail', 'address', 'assignedTo',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

export const EMPTY_FORM: FormValues = {
  source: 'internal', qcontactRef: '', ticketType: 'fault', priority: 'medium', title: '', description: '', category: '',
  drNumber: '', reporterName: '', reporterPhone: '', reporterEmail: '', address: '', assignedTo: '',
};

export function valuesFromTicket(t: TicketView): FormValues {
  return {
    source: t.source, qcontactRef: '', ticketType: t.ticketType, priority: t.priority, title: t.title, description: t.description ?? '',
    category: t.category ?? '', drNumber: t.drNumber ?? '', reporterName: t.reporterName ?? '', reporterPhone: t.reporterPhone ?? '',
    reporterEmail: t.reporterEmail ?? '', address: t.address ?? '', assignedTo: t.assignedTo ?? '',
  };
}

const TEXT_FIELDS: FormField[] = ['title', 'description', 'category', 'reporterName', 'reporterPhone', 'reporterEmail', 'address'];

/** The POST tickets body: empty strings left out, fields the source hides left out, DR upper-cased. */
export function buildCreateBody(v: FormValues): Record<string, unknown> {
  const rules = SOURCE_RULES[v.source as TicketSource] ?? SOURCE_RULES.internal;
  // The title always goes, even empty, so the API's own "Title is required" lands on the field.
  const body: Record<string, unknown> = { source: v.source, ticketType: v.ticketType, priority: v.priority, title: v.title.trim() };
  for (const f of TEXT_FIELDS) if (v[f].trim()) body[f] = v[f].trim();
  if (rules.dr !== 'hidden' && v.drNumber.trim()) body.drNumber = v.drNumber.trim().toUpperCase();
  if (rules.qcontactRef !== 'hidden' && v.qcontactRef.trim()) body.qcontactRef = v.qcontactRef.trim().toUpperCase();
  if (v.assignedTo) body.assignedTo = v.assignedTo;
  return body;
}

/** The PATCH body: only changed fields, a cleared field as null, with the version read. */
export function buildUpdateBody(v: FormValues, t: TicketView): Record<string, unknown> {
  const before = valuesFromTicket(t);
  const body: Record<string, unknown> = { version: t.version };
  for (const f of [...TEXT_FIELDS, 'ticketType', 'priority', 'drNumber'] as FormField[]) {
    const now = f === 'drNumber' ? v[f].trim().toUpperCase() : v[f].trim();
    if (now === before[f].trim()) continue;
    body[f] = now === '' ? (f === 'title' ? '' : null) : now;
  }
  return body;
}
