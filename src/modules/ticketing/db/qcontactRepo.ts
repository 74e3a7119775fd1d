// SQL for QContact: the ticket <-> case link, timeline events already taken as notes, and the editable mapping tables.
import type { Queryable } from '@/src/lib/db';
import type { CaseFields, CategoryRule, QcontactMappings } from '../integrations/qcontact/caseMapping';
import type { TicketPriority, TicketStatus, TicketType } from '../types/enums';

export interface QcontactLink {
  ticketId: string;
  caseId: string;
  caseNumber: string;
  caseUpdatedAt: string | null;
  statusLabel: string | null;
  syncedStatus: string | null;
  unknownStatus: boolean;
  subcategory: string | null;
  ontSerial: string | null;
  snapshot: Partial<CaseFields>;
  lastSyncedAt: string;
}

interface LinkRow {
  ticket_id: string; case_id: string; case_number: string; case_updated_at: string | null; status_label: string | null; synced_status: string | null;
  unknown_status: boolean; subcategory: string | null; ont_serial: string | null; snapshot: Partial<CaseFields>; last_synced_at: Date;
}

const LINK_COLS = 'ticket_id, case_id, case_number, case_updated_at, status_label, synced_status, unknown_status, subcategory, ont_serial, snapshot, last_synced_at';

function mapLink(r: LinkRow): QcontactLink {
  return {
    ticketId: r.ticket_id, caseId: r.case_id, caseNumber: r.case_number, caseUpdatedAt: r.case_updated_at, statusLabel: r.status_label,
    syncedStatus: r.synced_status, unknownStatus: r.unknown_status, subcategory: r.subcategory, ontSerial: r.ont_serial,
    snapshot: r.snapshot, lastSyncedAt: new Date(r.last_synced_at).toISOString(),
  };
}

/** The link of a case, locked for the rest of the transaction (the sync and the webhook may race on one case). */
export async function lockLinkByCaseId(q: Queryable, caseId: string): Promise<QcontactLink | null> {
  const { rows } = await q.query<LinkRow>(`SELECT ${LINK_COLS} FROM qcontact_cases WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return rows[0] ? mapLink(rows[0]) : null;
}

export async function findLinkByTicketId(q: Queryable, ticketId: string): Promise<QcontactLink | null> {
  const { rows } = await q.query<LinkRow>(`SELECT ${LINK_COLS} FROM qcontact_cases WHERE ticket_id = $1`, [ticketId]);
  return rows[0] ? mapLink(rows[0]) : null;
}

export type LinkWrite = Omit<QcontactLink, 'lastSyncedAt'> & { at: Date };

export async function saveLink(q: Queryable, l: LinkWrite): Promise<void> {
  await q.query(
    `INSERT INTO qcontact_cases (ticket_id, case_id, case_number, case_updated_at, status_label, synced_status, unknown_status, subcategory, ont_serial, snapshot, last_synced_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (ticket_id) DO UPDATE SET case_id = EXCLUDED.case_id, case_number = EXCLUDED.case_number, case_updated_at = EXCLUDED.case_updated_at,
       status_label = EXCLUDED.status_label, synced_status = EXCLUDED.synced_status, unknown_status = EXCLUDED.unknown_status,
       subcategory = EXCLUDED.subcategory, ont_serial = EXCLUDED.ont_serial, snapshot = EXCLUDED.snapshot, last_synced_at = EXCLUDED.last_synced_at`,
    [l.ticketId, l.caseId, l.caseNumber, l.caseUpdatedAt, l.statusLabel, l.syncedStatus, l.unknownStatus, l.subcategory, l.ontSerial, JSON.stringify(l.snapshot), l.at],
  );
}

/** After a confirmed write-back: the status both sides now agree on, and the case version when nothing else changed. */
export async function recordWriteBack(q: Queryable, ticketId: string, w: { statusLabel: string; syncedStatus: string; caseUpdatedAt: string | null; at: Date }): Promise<void> {
  await q.query(
    `UPDATE qcontact_cases SET status_label = $2, synced_status = $3, case_updated_at = COALESCE($4, case_updated_at), last_synced_at = $5,
            unknown_status = false
      WHERE ticket_id = $1`,
    [ticketId, w.statusLabel, w.syncedStatus, w.caseUpdatedAt, w.at],
  );
}

/** case id -> the updated_at we last processed, for the cases of one list page. */
export async function knownCaseVersions(q: Queryable, caseIds: readonly string[]): Promise<Map<string, string | null>> {
  const { rows } = await q.query<{ case_id: string; case_updated_at: string | null }>(
    'SELECT case_id, case_updated_at FROM qcontact_cases WHERE case_id = ANY($1::text[])',
    [[...caseIds]],
  );
  return new Map(rows.map((r) => [r.case_id, r.case_updated_at]));
}

export async function seenEventIds(q: Queryable, caseId: string): Promise<Set<string>> {
  const { rows } = await q.query<{ event_id: string }>('SELECT event_id FROM qcontact_seen_events WHERE case_id = $1', [caseId]);
  return new Set(rows.map((r) => r.event_id));
}

export async function markEventSeen(q: Queryable, e: { caseId: string; eventId: string; ticketId: string; noteId: string | null; at: Date }): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO qcontact_seen_events (case_id, event_id, ticket_id, note_id, seen_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id, event_id) DO NOTHING`,
    [e.caseId, e.eventId, e.ticketId, e.noteId, e.at],
  );
  return rowCount === 1;
}

export async function loadMappings(q: Queryable): Promise<QcontactMappings> {
  const cats = await q.query<{ category: string; subcategory: string; priority: TicketPriority; ticket_type: TicketType }>(
    'SELECT category, subcategory, priority, ticket_type FROM qcontact_category_map ORDER BY category, subcategory',
  );
  const st = await q.query<{ direction: 'inbound' | 'outbound'; source_value: string; target_value: string | null }>(
    'SELECT direction, source_value, target_value FROM qcontact_status_map ORDER BY direction, source_value',
  );
  const inbound: Record<string, TicketStatus> = {};
  const outbound: Record<string, string | null> = {};
  for (const r of st.rows) {
    if (r.direction === 'inbound') inbound[r.source_value] = r.target_value as TicketStatus;
    else outbound[r.source_value] = r.target_value;
  }
  return {
    categories: cats.rows.map((r) => ({ category: r.category, subcategory: r.subcategory, priority: r.priority, ticketType: r.ticket_type })),
    inbound,
    outbound,
  };
}

/** Replaces the mapping tables with the given rows (one transaction, by the caller). */
export async function replaceMappings(tx: Queryable, m: { categories: readonly CategoryRule[]; inbound: Record<string, string>; outbound: Record<string, string | null> }, now: Date): Promise<void> {
  await tx.query('DELETE FROM qcontact_category_map');
  for (const r of m.categories) {
    await tx.query(
      'INSERT INTO qcontact_category_map (category, subcategory, priority, ticket_type, updated_at) VALUES ($1, $2, $3, $4, $5)',
      [r.category, r.subcategory, r.priority, r.ticketType, now],
    );
  }
  await tx.query('DELETE FROM qcontact_status_map');
  const rows: [string, string, string | null][] = [
    ...Object.entries(m.inbound).map(([k, v]): [string, string, string | null] => ['inbound', k, v]),
    ...Object.entries(m.outbound).map(([k, v]): [string, string, string | null] => ['outbound', k, v]),
  ];
  for (const [direction, source, target] of rows) {
    await tx.query('INSERT INTO qcontact_status_map (direction, source_value, target_value, updated_at) VALUES ($1, $2, $3, $4)', [direction, source, target, now]);
  }
  // A label the table now knows is no longer flagged (its cases follow it from their next change on).
  await tx.query(
    `UPDATE qcontact_cases c SET unknown_status = NOT EXISTS (
       SELECT 1 FROM qcontact_status_map m WHERE m.direction = 'inbound' AND lower(m.source_value) = lower(trim(coalesce(c.status_label, ''))))
      WHERE c.unknown_status OR c.status_label IS NOT NULL`,
  );
}

/** Status labels no table row maps (their cases became "new"), with how many linked cases carry each. */
export async function unknownStatusLabels(q: Queryable): Promise<{ label: string; cases: number }[]> {
  const { rows } = await q.query<{ label: string; n: number }>(
    'SELECT status_label AS label, count(*)::int AS n FROM qcontact_cases WHERE unknown_status GROUP BY status_label ORDER BY status_label',
  );
  return rows.map((r) => ({ label: r.label, cases: Number(r.n) }));
}

export async function countLinks(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM qcontact_cases');
  return Number(rows[0].n);
}
