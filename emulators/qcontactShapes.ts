// The QContact emulator's wire shapes: write values and their labels, a case in list and detail shape, filters,
// and strictly increasing timestamps.
import type { IncomingMessage } from 'node:http';
import type { EmulatedCase } from './qcontactSeed';

/** Write values QContact accepts for status, and the label it shows afterwards. */
export const WRITE_VALUES: Record<string, string> = {
  Open: 'Open', Assigned: 'Assigned', InProgress: 'In Progress', Escalated: 'Escalated', InReview: 'In Review', Reviewed: 'Reviewed',
  'Pending Company Response': 'Pending Company Response', Solved: 'Solved',
};

let clockMs = 0;
/** Strictly increasing timestamps, so two changes in one millisecond still differ. */
export function stamp(): string {
  clockMs = Math.max(Date.now(), clockMs + 1);
  return new Date(clockMs).toISOString();
}

export function listShape(c: EmulatedCase) {
  return {
    id: c.id, entity_type: 'Case', label: c.label, icon: 'ticket', assigned_to: c.assignedTo.label, category: c.fields.category ?? null,
    contact: c.contact.label, created_at: c.created_at, updated_at: c.updated_at, status: c.fields.status, c__dr_location: c.fields.c__dr_location,
    __assigned_to: c.assignedTo.id, __contact: c.contact.id, __category: c.fields.category, __status: c.fields.status, __status__color: '#2563eb',
  };
}

function rel(id: number | string, label: string, entity: string) {
  return { id, type: entity, label, icon: 'link', entity_type: entity, deleted: false };
}

export function detailShape(c: EmulatedCase) {
  return {
    id: c.id, entity_type: 'Case', label: c.label, created_at: c.created_at, updated_at: c.updated_at,
    fields: { ...c.fields, assigned_to: c.assignedTo.id, contact: c.contact.id },
    relationships: {
      contact: rel(c.contact.id, c.contact.label, 'Contact'),
      assigned_to: rel(c.assignedTo.id, c.assignedTo.label, 'User'),
      ...(c.dr ? { c__dr_number: rel(c.dr.id, c.dr.label, 'DR') } : {}),
    },
  };
}

export function matches(c: EmulatedCase, cond: { name: string; value: unknown; operator: string }): boolean {
  const value = cond.name === 'assigned_to' ? c.assignedTo.id : cond.name === 'status' ? c.fields.status : (c.fields[cond.name] ?? (c as unknown as Record<string, unknown>)[cond.name]);
  if (cond.operator === 'equals') return String(value) === String(cond.value);
  return String(value ?? '').toLowerCase().includes(String(cond.value).toLowerCase());
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

