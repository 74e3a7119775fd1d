// SQL for mass incidents: the parent link of tickets, and the children an update fans out to.
import type { Queryable } from '@/src/lib/db';
import type { ChildContact } from '../services/network/incidentFanOut';

export async function setParent(q: Queryable, childId: string, parentId: string | null): Promise<void> {
  await q.query('UPDATE tickets SET parent_ticket_id = $2 WHERE id = $1', [childId, parentId]);
}

export async function countChildren(q: Queryable, parentId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE parent_ticket_id = $1 AND deleted_at IS NULL', [parentId]);
  return Number(rows[0].n);
}

export async function findParentId(q: Queryable, ticketId: string): Promise<string | null> {
  const { rows } = await q.query<{ parent_ticket_id: string | null }>('SELECT parent_ticket_id FROM tickets WHERE id = $1', [ticketId]);
  return rows[0]?.parent_ticket_id ?? null;
}

/** Open children, locked, oldest first. */
export async function openChildren(q: Queryable, parentId: string): Promise<(ChildContact & { status: string })[]> {
  const { rows } = await q.query<{ id: string; ticket_uid: string; reporter_phone: string | null; reporter_email: string | null; status: string }>(
    `SELECT id, ticket_uid, reporter_phone, reporter_email, status FROM tickets
      WHERE parent_ticket_id = $1 AND deleted_at IS NULL AND status IN ('new','triaged','assigned','in_progress','blocked','pending_approval')
      ORDER BY created_at, id FOR UPDATE`,
    [parentId],
  );
  return rows.map((r) => ({ ticketId: r.id, ticketUid: r.ticket_uid, reporterPhone: r.reporter_phone, reporterEmail: r.reporter_email, status: r.status }));
}

export async function latestExternalNote(q: Queryable, ticketId: string): Promise<{ id: string; body: string } | null> {
  const { rows } = await q.query<{ id: string; body: string }>(
    "SELECT id, body FROM ticket_notes WHERE ticket_id = $1 AND note_type = 'external' ORDER BY created_at DESC, id DESC LIMIT 1",
    [ticketId],
  );
  return rows[0] ?? null;
}
