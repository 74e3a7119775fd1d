// SQL for weekly report imports: the tickets a report's rows may match, import_batches (with the result report and
// row outcomes), the per-week sequence of report UIDs, and the column mapping remembered per client.
import type { Queryable } from '@/src/lib/db';
import type { TicketStatus } from '../types/enums';
import { mirrorRegisterRefs } from './registerSource';

export interface MatchTicket {
  id: string;
  ticketUid: string;
  status: TicketStatus;
  drNumber: string | null;
}

/** Tickets whose UID is one of these, or that sit on one of these drops (newest first). */
export async function findReportTickets(q: Queryable, uids: readonly string[], drops: readonly string[]): Promise<MatchTicket[]> {
  const { rows } = await q.query<{ id: string; ticket_uid: string; status: TicketStatus; dr_number: string | null }>(
    `SELECT id, ticket_uid, status, dr_number FROM tickets
      WHERE deleted_at IS NULL AND (ticket_uid = ANY($1::text[]) OR dr_number = ANY($2::text[]))
      ORDER BY created_at DESC, ticket_uid DESC`,
    [[...uids], [...drops]],
  );
  return rows.map((r) => ({ id: r.id, ticketUid: r.ticket_uid, status: r.status, drNumber: r.dr_number }));
}

/** Serialises imports (report UID sequence, matching) for the rest of the transaction. */
export async function lockImports(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('weekly_report_import'))");
}

/** The highest sequence used by a report UID with this prefix (WR2026-W48-), 0 when none. */
export async function lastReportSeq(q: Queryable, prefix: string): Promise<number> {
  const { rows } = await q.query<{ uid: string | null }>('SELECT max(report_uid) AS uid FROM import_batches WHERE report_uid LIKE $1', [`${prefix}%`]);
  return rows[0].uid ? Number(rows[0].uid.slice(prefix.length)) : 0;
}

export interface ImportBatch {
  id: string;
  reportUid: string;
  fileName: string;
  fileSha256: string;
  sheetName: string | null;
  clientId: string | null;
  columnMapping: unknown;
  status: string;
  rowCount: number;
  result: unknown;
  rowOutcomes?: unknown;
  createdBy: string | null;
  createdAt: string;
  confirmedAt: string | null;
}

interface BatchRow {
  id: string; report_uid: string; file_name: string; file_sha256: string; sheet_name: string | null; client_id: string | null; column_mapping: unknown;
  status: string; row_count: number; result: unknown; row_outcomes?: unknown; created_by: string | null; created_at: Date; confirmed_at: Date | null;
}

function map(r: BatchRow): ImportBatch {
  return {
    id: r.id, reportUid: r.report_uid, fileName: r.file_name, fileSha256: r.file_sha256, sheetName: r.sheet_name, clientId: r.client_id,
    columnMapping: r.column_mapping, status: r.status, rowCount: Number(r.row_count), result: r.result, rowOutcomes: r.row_outcomes,
    createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
  };
}

const COLS = 'id, report_uid, file_name, file_sha256, sheet_name, client_id, column_mapping, status, row_count, result, created_by, created_at, confirmed_at';

export async function insertImportBatch(
  tx: Queryable,
  b: { reportUid: string; fileName: string; fileSha256: string; sheetName: string; clientId: string | null; mapping: unknown; rowCount: number; result: unknown; rowOutcomes: unknown; createdBy: string | null; at: Date },
): Promise<ImportBatch> {
  await mirrorRegisterRefs(tx, { clientId: b.clientId });
  const { rows } = await tx.query<BatchRow>(
    `INSERT INTO import_batches (report_uid, file_name, file_sha256, sheet_name, client_id, column_mapping, status, row_count, result, row_outcomes, created_by, created_at, confirmed_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', $7, $8, $9, $10, $11, $11) RETURNING ${COLS}`,
    [b.reportUid, b.fileName, b.fileSha256, b.sheetName, b.clientId, JSON.stringify(b.mapping), b.rowCount, JSON.stringify(b.result), JSON.stringify(b.rowOutcomes), b.createdBy, b.at],
  );
  return map(rows[0]);
}

export async function findConfirmedBySha(q: Queryable, sha256: string): Promise<ImportBatch | null> {
  const { rows } = await q.query<BatchRow>(`SELECT ${COLS} FROM import_batches WHERE file_sha256 = $1 AND status = 'confirmed' ORDER BY created_at LIMIT 1`, [sha256]);
  return rows[0] ? map(rows[0]) : null;
}

export async function listImportBatches(q: Queryable, limit: number): Promise<ImportBatch[]> {
  const { rows } = await q.query<BatchRow>(`SELECT ${COLS} FROM import_batches ORDER BY created_at DESC, report_uid DESC LIMIT $1`, [limit]);
  return rows.map(map);
}

/** One batch by id or report UID, with its row outcomes. */
export async function findImportBatch(q: Queryable, idOrUid: string): Promise<ImportBatch | null> {
  const { rows } = await q.query<BatchRow>(
    `SELECT ${COLS}, row_outcomes FROM import_batches WHERE report_uid = $1 OR id::text = $1`,
    [idOrUid],
  );
  return rows[0] ? map(rows[0]) : null;
}

export async function getColumnMapping(q: Queryable, scope: string): Promise<Record<string, string | null> | null> {
  const { rows } = await q.query<{ mapping: Record<string, string | null> }>('SELECT mapping FROM import_column_mappings WHERE scope = $1', [scope]);
  return rows[0]?.mapping ?? null;
}

export async function saveColumnMapping(q: Queryable, scope: string, mapping: unknown, userId: string | null, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO import_column_mappings (scope, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (scope) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [scope, JSON.stringify(mapping), userId, at],
  );
}
