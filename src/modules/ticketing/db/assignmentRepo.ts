// SQL for the assignment history of a ticket.
import type { Queryable } from '@/src/lib/db';

export interface AssignmentRow {
  id: number;
  fromUserId: string | null;
  fromName: string | null;
  toUserId: string | null;
  toName: string | null;
  assignedBy: string | null;
  reason: string | null;
  createdAt: string;
}

export async function insertAssignment(
  tx: Queryable,
  a: { ticketId: string; from: string | null; to: string | null; by: string | null; reason?: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_assignment_history (ticket_id, from_user_id, to_user_id, assigned_by, reason, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.ticketId, a.from, a.to, a.by, a.reason ?? null, a.at],
  );
}

export async function listAssignments(q: Queryable, ticketId: string): Promise<AssignmentRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT a.id, a.from_user_id, f.name AS from_name, a.to_user_id, t.name AS to_name, a.assigned_by, a.reason, a.created_at
       FROM ticket_assignment_history a
       LEFT JOIN users f ON f.id = a.from_user_id LEFT JOIN users t ON t.id = a.to_user_id
      WHERE a.ticket_id = $1 ORDER BY a.id`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: Number(r.id), fromUserId: (r.from_user_id as string) ?? null, fromName: (r.from_name as string) ?? null,
    toUserId: (r.to_user_id as string) ?? null, toName: (r.to_name as string) ?? null,
    assignedBy: (r.assigned_by as string) ?? null, reason: (r.reason as string) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
