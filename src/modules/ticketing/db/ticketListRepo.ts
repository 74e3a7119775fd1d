// The ticket list query: filters, free-text search and keyset paging on (sort key, id); no COUNT(*) per page.
import type { Queryable } from '@/src/lib/db';
import type { Ticket } from '../types/tickets';
import type { TicketListQuery } from '../types/ticketList';
import { mapTicket, TICKET_SELECT, type TicketRow } from './ticketRows';
import { UUID_RE } from './uuid';
import { isStrictTimestamp } from '@/src/lib/isoTime';

/** The SQL expression each sort sorts by; every one is non-null so keyset comparisons are total. */
const SORT_EXPR: Record<TicketListQuery['sort'], string> = {
  created_at: 't.created_at',
  updated_at: 't.updated_at',
  priority: "(CASE t.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)",
  due_at: "COALESCE(t.due_at, 'infinity'::timestamptz)",
  ticket_uid: 't.ticket_uid',
  // Workflow order, not the alphabet: awaiting approval, new, triaged, ... closed, cancelled.
  status: `(CASE t.status WHEN 'pending_approval' THEN 1 WHEN 'new' THEN 2 WHEN 'triaged' THEN 3 WHEN 'assigned' THEN 4
    WHEN 'in_progress' THEN 5 WHEN 'blocked' THEN 6 WHEN 'resolved' THEN 7 WHEN 'closed' THEN 8 ELSE 9 END)`,
};
const SORT_CAST: Record<TicketListQuery['sort'], string> = {
  created_at: 'timestamptz', updated_at: 'timestamptz', priority: 'int', due_at: 'timestamptz', ticket_uid: 'text', status: 'int',
};

const SLA_CONDITION: Record<string, string> = {
  breached: 't.sla_breached_at IS NOT NULL',
  escalated: 't.sla_escalated_at IS NOT NULL AND t.sla_breached_at IS NULL',
  warning: 't.sla_warning_at IS NOT NULL AND t.sla_escalated_at IS NULL AND t.sla_breached_at IS NULL',
  paused: 't.sla_paused',
  on_track: "t.due_at IS NOT NULL AND t.sla_warning_at IS NULL AND t.sla_breached_at IS NULL AND NOT t.sla_paused AND t.status NOT IN ('resolved','closed','cancelled')",
  met: "t.status IN ('resolved','closed') AND t.sla_breached_at IS NULL AND t.due_at IS NOT NULL",
  none: 't.due_at IS NULL',
};

export interface Cursor {
  v: string | number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** A cursor this list handed out for this sort, or null (forged or from another sort: a 400, not a failed cast). */
export function decodeCursor(s: string, sort: TicketListQuery['sort'] = 'created_at'): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor | null;
    if (!c || typeof c !== 'object' || typeof c.id !== 'string' || !UUID_RE.test(c.id) || typeof c.v !== 'string') return null;
    // Exactly what this list writes: a PostgreSQL timestamp (or infinity), a priority rank 1-4, or NUL-free text.
    const v = c.v;
    const cast = SORT_CAST[sort];
    // eslint-disable-next-line no-control-regex
    const ok = cast === 'timestamptz' ? v === 'infinity' || isStrictTimestamp(v) : cast === 'int' ? /^[1-4]$/.test(v) : !/\u0000/.test(v) && v.length <= 300;
    return ok ? { v, id: c.id } : null;
  } catch {
    return null;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export interface ListScope {
  /** Only tickets assigned to this user (technicians). */
  ownerId?: string | null;
  /** The caller, for assignee=me. */
  userId?: string | null;
}

export function buildListSql(f: TicketListQuery, scope: ListScope, cursor: Cursor | null): { sql: string; params: unknown[] } {
  const where: string[] = ['t.deleted_at IS NULL'];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (scope.ownerId) where.push(`t.assigned_to = ${p(scope.ownerId)}`);
  if (f.status) where.push(`t.status = ANY(${p(f.status)}::text[])`);
  if (f.priority) where.push(`t.priority = ANY(${p(f.priority)}::text[])`);
  if (f.source) where.push(`t.source = ANY(${p(f.source)}::text[])`);
  if (f.type) where.push(`t.ticket_type = ANY(${p(f.type)}::text[])`);
  if (f.billingType) where.push(`t.billing_type = ANY(${p(f.billingType)}::text[])`);
  if (f.slaState) where.push(`(${f.slaState.map((s) => SLA_CONDITION[s]).join(' OR ')})`);
  if (f.assignee === 'unassigned') where.push('t.assigned_to IS NULL');
  else if (f.assignee) where.push(`t.assigned_to = ${p(f.assignee === 'me' ? scope.userId : f.assignee)}`);
  if (f.dr) where.push(f.dr.length === 9 ? `t.dr_number = ${p(f.dr)}` : `t.dr_number LIKE ${p(`${f.dr}%`)}`);
  if (f.project) where.push(`t.project_id = ${p(f.project)}`);
  if (f.client) where.push(`t.client_id = ${p(f.client)}`);
  if (f.tag) where.push(`EXISTS (SELECT 1 FROM ticket_tags tg2 WHERE tg2.ticket_id = t.id AND tg2.tag = ${p(f.tag)})`);
  if (f.createdFrom) where.push(`t.created_at >= ${p(new Date(f.createdFrom))}`);
  if (f.createdTo) where.push(`t.created_at < ${p(new Date(f.createdTo))}`);
  if (f.q) where.push(`t.search_text LIKE ${p(`%${escapeLike(f.q.toLowerCase())}%`)}`);
  const expr = SORT_EXPR[f.sort];
  const dir = f.order === 'asc' ? 'ASC' : 'DESC';
  if (cursor) {
    const op = f.order === 'asc' ? '>' : '<';
    where.push(`(${expr}, t.id) ${op} (${p(cursor.v)}::${SORT_CAST[f.sort]}, ${p(cursor.id)}::uuid)`);
  }
  const select = TICKET_SELECT.replace('SELECT ', `SELECT (${expr})::text AS sort_key, `);
  const sql = `${select} WHERE ${where.join(' AND ')} ORDER BY ${expr} ${dir}, t.id ${dir} LIMIT ${p(f.limit + 1)}`;
  return { sql, params };
}

export async function listTicketsPage(
  q: Queryable,
  f: TicketListQuery,
  scope: ListScope,
  cursor: Cursor | null,
): Promise<{ tickets: Ticket[]; nextCursor: string | null }> {
  const { sql, params } = buildListSql(f, scope, cursor);
  const { rows } = await q.query<TicketRow>(sql, params);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  // The cursor carries the sort key as the database wrote it (full microsecond precision), not as JS rounds it.
  const nextCursor = rows.length > f.limit && last ? encodeCursor({ v: String(last.sort_key), id: String(last.id) }) : null;
  const tickets = page.map(mapTicket);
  return { tickets, nextCursor };
}
