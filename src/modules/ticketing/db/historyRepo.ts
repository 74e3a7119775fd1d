// SQL for the append-only audit log of every ticket change.
import type { Queryable } from '@/src/lib/db';
import type { Actor } from '../services/context';

export interface HistoryEntry {
  ticketId: string;
  actor: Actor;
  action: string;
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  details?: Record<string, unknown> | null;
  at?: Date;
}

export interface HistoryRow {
  id: number;
  ticketId: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  details: Record<string, unknown> | null;
  /** For id fields (projectId, clientId, dropId): the name or DR number the id stood for, so screens never show ids. */
  oldLabel?: string | null;
  newLabel?: string | null;
  createdAt: string;
}

// The label of an id-valued history field, looked up when read (ids are what the audit log keeps).
const label = (col: 'old_value' | 'new_value') => `CASE WHEN h.${col} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
      CASE h.field WHEN 'projectId' THEN (SELECT p.name FROM projects p WHERE p.id = h.${col}::uuid)
                   WHEN 'clientId' THEN (SELECT c.name FROM clients c WHERE c.id = h.${col}::uuid)
                   WHEN 'dropId' THEN (SELECT d.dr_number FROM drops d WHERE d.id = h.${col}::uuid)
                   WHEN 'assignedTo' THEN (SELECT u.name FROM users u WHERE u.id = h.${col}::uuid) END END`;

const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);

export async function appendHistory(tx: Queryable, e: HistoryEntry): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_history (ticket_id, actor_id, actor_name, action, field, old_value, new_value, details, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, now()))`,
    [e.ticketId, e.actor.id, e.actor.name, e.action, e.field ?? null, text(e.oldValue), text(e.newValue), e.details ? JSON.stringify(e.details) : null, e.at ?? null],
  );
}

export async function listHistory(db: Queryable, ticketId: string): Promise<HistoryRow[]> {
  const { rows } = await db.query<{
    id: number; ticket_id: string; actor_id: string | null; actor_name: string | null; action: string;
    field: string | null; old_value: string | null; new_value: string | null; details: Record<string, unknown> | null; created_at: Date;
    old_label: string | null; new_label: string | null;
  }>(
    `SELECT h.id, h.ticket_id, h.actor_id, h.actor_name, h.action, h.field, h.old_value, h.new_value, h.details, h.created_at,
            ${label('old_value')} AS old_label, ${label('new_value')} AS new_label
       FROM ticket_history h WHERE h.ticket_id = $1 ORDER BY h.id`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: Number(r.id), ticketId: r.ticket_id, actorId: r.actor_id, actorName: r.actor_name, action: r.action, field: r.field,
    oldValue: r.old_value, newValue: r.new_value, details: r.details, oldLabel: r.old_label ?? null, newLabel: r.new_label ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
