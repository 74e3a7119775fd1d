// SQL for mass incidents: the parent link of tickets, and the children an update fans out to.
import type { Queryable } from '@/src/lib/db';
import type { ChildContact } from '../services/network/incidentFanOut';

/** Sets or clears a ticket's parent; a write to the ticket like any other, so its version moves on. */
export async function setParent(q: Queryable, childId: string, parentId: string | null, at: Date): Promise<void> {
  await q.query('UPDATE tickets SET parent_ticket_id = $2, updated_at = $3, version = version + 1 WHERE id = $1', [childId, parentId, at]);
}

export async function countChildren(q: Queryable, parentId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE parent_ticket_id = $1 AND deleted_at IS NULL', [parentId]);
  return Number(rows[0].n);
}

/** The ticket's parent; a parent since deleted leads nothing, so the ticket is free again. */
export async function findParentId(q: Queryable, ticketId: string): Promise<string | null> {
  const { rows } = await q.query<{ parent_ticket_id: string | null }>(
    'SELECT c.parent_ticket_id FROM tickets c JOIN tickets p ON p.id = c.parent_ticket_id AND p.deleted_at IS NULL WHERE c.id = $1',
    [ticketId],
  );
  return rows[0]?.parent_ticket_id ?? null;
}

/** Open children, locked, oldest first (then by UID: tickets made in the same instant list in a stable order). */
export async function openChildren(q: Queryable, parentId: string): Promise<(ChildContact & { status: string })[]> {
  const { rows } = await q.query<{ id: string; ticket_uid: string; reporter_phone: string | null; reporter_email: string | null; status: string }>(
    `SELECT id, ticket_uid, reporter_phone, reporter_email, status FROM tickets
      WHERE parent_ticket_id = $1 AND deleted_at IS NULL AND status IN ('new','triaged','assigned','in_progress','blocked','pending_approval')
      ORDER BY created_at, ticket_uid, id FOR NO KEY UPDATE`,
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

/** One ticket as the incident panel lists it (a child, the parent, or a candidate to link). */
export interface IncidentMember {
  id: string;
  ticketUid: string;
  status: string;
  title: string;
  drNumber: string | null;
  assignedTo: string | null;
  version: number;
}

/** Where a candidate shares the ticket's network element. */
export type IncidentCandidate = IncidentMember & { sharedOn: 'pole' | 'pon' | 'zone' };

const MEMBER_COLUMNS = 't.id, t.ticket_uid, t.status, t.title, t.dr_number, t.assigned_to, t.version';
type MemberRow = { id: string; ticket_uid: string; status: string; title: string; dr_number: string | null; assigned_to: string | null; version: number };
const member = (r: MemberRow): IncidentMember => ({
  id: r.id, ticketUid: r.ticket_uid, status: r.status, title: r.title, drNumber: r.dr_number, assignedTo: r.assigned_to, version: Number(r.version),
});

/** Every child of a parent, any status, oldest first. */
export async function listChildren(q: Queryable, parentId: string): Promise<IncidentMember[]> {
  const { rows } = await q.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM tickets t WHERE t.parent_ticket_id = $1 AND t.deleted_at IS NULL ORDER BY t.created_at, t.ticket_uid, t.id`,
    [parentId],
  );
  return rows.map(member);
}

export async function findMember(q: Queryable, id: string): Promise<IncidentMember | null> {
  const { rows } = await q.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM tickets t WHERE t.id = $1 AND t.deleted_at IS NULL`, [id]);
  return rows[0] ? member(rows[0]) : null;
}

/**
 * Open tickets on the same pole, PON or zone as the ticket's drop, in its project (PON and zone names repeat across
 * projects), that could join its incident: not the ticket, in no live incident, leading none. The nearest element
 * wins the label and sorts first (pole, pon, zone happen to sort alphabetically), then the newest ticket.
 */
export async function listCandidates(q: Queryable, ticketId: string, limit: number): Promise<IncidentCandidate[]> {
  const { rows } = await q.query<MemberRow & { shared_on: IncidentCandidate['sharedOn'] }>(
    `SELECT ${MEMBER_COLUMNS},
            CASE WHEN d.pole_number = me.pole_number THEN 'pole' WHEN d.pon = me.pon THEN 'pon' ELSE 'zone' END AS shared_on
       FROM tickets self JOIN drops me ON me.id = self.drop_id
       JOIN drops d ON d.project_id = me.project_id AND (d.pole_number = me.pole_number OR d.pon = me.pon OR d.zone = me.zone)
       JOIN tickets t ON t.drop_id = d.id
      WHERE self.id = $1 AND t.id <> self.id AND t.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM tickets p WHERE p.id = t.parent_ticket_id AND p.deleted_at IS NULL)
        AND t.status IN ('new','triaged','assigned','in_progress','blocked','pending_approval')
        AND NOT EXISTS (SELECT 1 FROM tickets c WHERE c.parent_ticket_id = t.id AND c.deleted_at IS NULL)
      ORDER BY shared_on, t.created_at DESC, t.ticket_uid, t.id
      LIMIT $2`,
    [ticketId, limit],
  );
  return rows.map((r) => ({ ...member(r), sharedOn: r.shared_on }));
}
