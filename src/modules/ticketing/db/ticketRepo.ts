// SQL for the ticket aggregate: UID counters, insert, read by id or UID, versioned column updates, soft delete.
import type { Queryable } from '@/src/lib/db';
import { UUID_RE } from './uuid';
import type { Ticket } from '../types/tickets';
import { mapTicket, TICKET_SELECT, type TicketRow } from './ticketRows';
import { mirrorRegisterRefs } from './registerSource';

/** Draws the next value of a UID counter; the row lock serialises concurrent creates on the same key. */
export async function nextCounterValue(tx: Queryable, key: string): Promise<number> {
  const { rows } = await tx.query<{ value: number }>(
    `INSERT INTO uid_counters (key, value) VALUES ($1, 1)
     ON CONFLICT (key) DO UPDATE SET value = uid_counters.value + 1 RETURNING value`,
    [key],
  );
  return Number(rows[0].value);
}

/** Columns a service may write, mapped from the entity's camelCase names. */
export const WRITABLE_COLUMNS = {
  ticketUid: 'ticket_uid', source: 'source', externalId: 'external_id', ticketType: 'ticket_type', category: 'category',
  priority: 'priority', status: 'status', title: 'title', description: 'description', drNumber: 'dr_number',
  dropId: 'drop_id', projectId: 'project_id', clientId: 'client_id', reporterName: 'reporter_name',
  reporterPhone: 'reporter_phone', reporterEmail: 'reporter_email', address: 'address', gpsLat: 'gps_lat',
  gpsLng: 'gps_lng', assignedTo: 'assigned_to', faultCause: 'fault_cause', resolutionNotes: 'resolution_notes', faultCauseDetail: 'fault_cause_detail',
  createdBy: 'created_by', resolvedAt: 'resolved_at', closedAt: 'closed_at', createdAt: 'created_at', etaAt: 'eta_at',
} as const;
export type WritableField = keyof typeof WRITABLE_COLUMNS;
export type TicketWrite = Partial<Record<WritableField, unknown>>;

export async function insertTicket(tx: Queryable, values: TicketWrite): Promise<string> {
  await mirrorRegisterRefs(tx, values);
  const fields = Object.keys(values) as WritableField[];
  const cols = fields.map((f) => WRITABLE_COLUMNS[f]);
  const params = fields.map((f) => values[f]);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO tickets (${cols.join(', ')}, updated_at) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')},
     COALESCE($${cols.length + 1}::timestamptz, now())) RETURNING id`,
    [...params, values.createdAt ?? null],
  );
  return rows[0].id;
}

export async function findTicketById(q: Queryable, id: string): Promise<Ticket | null> {
  if (!UUID_RE.test(id)) return null;
  const { rows } = await q.query<TicketRow>(`${TICKET_SELECT} WHERE t.id = $1 AND t.deleted_at IS NULL`, [id]);
  return rows[0] ? mapTicket(rows[0]) : null;
}

export async function findTicketByUid(q: Queryable, uid: string): Promise<Ticket | null> {
  const { rows } = await q.query<TicketRow>(`${TICKET_SELECT} WHERE t.ticket_uid = $1 AND t.deleted_at IS NULL`, [uid]);
  return rows[0] ? mapTicket(rows[0]) : null;
}

/**
 * Locks the ticket row for the rest of the transaction and returns it. FOR NO KEY UPDATE, as an UPDATE of the row
 * takes: writers still queue one behind the other, but a statement that only points at the ticket (a note, an event
 * settled, a foreign key checked) is not held up, and cannot end up in a deadlock with the lock holder over it.
 */
export async function lockTicket(tx: Queryable, id: string): Promise<Ticket | null> {
  const { rows } = await tx.query<TicketRow>(`${TICKET_SELECT} WHERE t.id = $1 AND t.deleted_at IS NULL FOR NO KEY UPDATE OF t`, [id]);
  return rows[0] ? mapTicket(rows[0]) : null;
}

/** The ticket created from a source's external id, if any (so a retried inbound never makes a second ticket). */
export async function findTicketByExternalId(q: Queryable, source: string, externalId: string): Promise<Ticket | null> {
  const { rows } = await q.query<TicketRow>(`${TICKET_SELECT} WHERE t.source = $1 AND t.external_id = $2 AND t.deleted_at IS NULL`, [source, externalId]);
  return rows[0] ? mapTicket(rows[0]) : null;
}

/**
 * Writes columns and bumps the version. With expectedVersion, only a row still at that version is written:
 * returns false when another writer got there first (the caller answers 409).
 */
export async function updateTicketColumns(
  tx: Queryable,
  id: string,
  values: TicketWrite,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  await mirrorRegisterRefs(tx, values);
  const fields = Object.keys(values) as WritableField[];
  const sets = fields.map((f, i) => `${WRITABLE_COLUMNS[f]} = $${i + 3}`);
  const params: unknown[] = [id, now, ...fields.map((f) => values[f])];
  let where = 'id = $1 AND deleted_at IS NULL';
  if (expectedVersion !== undefined) {
    params.push(expectedVersion);
    where += ` AND version = $${params.length}`;
  }
  const { rowCount } = await tx.query(
    `UPDATE tickets SET ${[...sets, 'updated_at = $2', 'version = version + 1'].join(', ')} WHERE ${where}`,
    params,
  );
  return rowCount === 1;
}

export async function softDeleteTicket(tx: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    'UPDATE tickets SET deleted_at = $2, updated_at = $2, version = version + 1 WHERE id = $1 AND deleted_at IS NULL',
    [id, now],
  );
  return rowCount === 1;
}
