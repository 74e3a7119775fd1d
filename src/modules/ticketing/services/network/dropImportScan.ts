// One pass over an import file: header matching, row validation, duplicate check and the diff against the register.
import type { Queryable } from '@/src/lib/db';
import type { Readable } from 'node:stream';
import { findDropsByDr, type StoredDrop } from '../../db/dropImportRepo';
import type { SheetFormat, SheetRow } from '../spreadsheet/reader';
import { matchHeaders, type HeaderMapping } from '../spreadsheet/headers';
import { cellText } from '../spreadsheet/cells';
import { openTable } from '../spreadsheet/table';
import { DROP_IMPORT_COLUMNS, diffDrop, validateDropRow, type DropRecord, type ImportField } from './dropImportRules';

export type OutcomeKind = 'insert' | 'update' | 'unchanged' | 'error';

export interface RowOutcome {
  rowNumber: number;
  drNumber: string | null;
  kind: OutcomeKind;
  errors?: string[];
  changed?: string[];
}

export interface ScanSummary {
  headers: string[];
  mapping: HeaderMapping;
  missingRequired: string[];
  unmappedHeaders: string[];
  counts: Record<OutcomeKind, number>;
  /** Every error row (up to MAX_LISTED), then inserts and updates up to MAX_LISTED in all. */
  rows: RowOutcome[];
  totalRows: number;
}

export interface ChunkWrite {
  inserts: DropRecord[];
  updates: { before: StoredDrop; after: DropRecord; changed: string[] }[];
}

/** Rows per database round trip: large enough to be fast, small enough for one statement's parameters. */
export const CHUNK_ROWS = 5000;
export const MAX_LISTED = 500;

interface Pending {
  rowNumber: number;
  drop: Parameters<typeof diffDrop>[1];
}

export async function scanImport(
  q: Queryable,
  input: Readable,
  format: SheetFormat,
  opts: {
    projects: ReadonlyMap<string, string>;
    mapping: HeaderMapping;
    onChunk?: (w: ChunkWrite) => Promise<void>;
    onProgress?: (processed: number) => void;
  },
): Promise<ScanSummary> {
  const s: ScanSummary = { headers: [], mapping: {}, missingRequired: [], unmappedHeaders: [], counts: { insert: 0, update: 0, unchanged: 0, error: 0 }, rows: [], totalRows: 0 };
  const listed = { errors: [] as RowOutcome[], changes: [] as RowOutcome[] };
  const record = (o: RowOutcome) => {
    s.counts[o.kind] += 1;
    if (o.kind === 'error' && listed.errors.length < MAX_LISTED) listed.errors.push(o);
    else if ((o.kind === 'insert' || o.kind === 'update') && listed.changes.length < MAX_LISTED) listed.changes.push(o);
  };
  const seen = new Map<string, number>();
  let pending: Pending[] = [];
  let processed = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const stored = await findDropsByDr(q, pending.map((p) => p.drop.drNumber));
    const write: ChunkWrite = { inserts: [], updates: [] };
    for (const p of pending) {
      const before = stored.get(p.drop.drNumber) ?? null;
      const change = diffDrop(before, p.drop);
      if (change.kind === 'insert') write.inserts.push(change.drop);
      if (change.kind === 'update') write.updates.push({ before: before as StoredDrop, after: change.drop, changed: change.changed });
      record({ rowNumber: p.rowNumber, drNumber: p.drop.drNumber, kind: change.kind, ...(change.kind === 'update' ? { changed: change.changed } : {}) });
    }
    pending = [];
    if (opts.onChunk) await opts.onChunk(write);
    opts.onProgress?.(processed);
  };

  const take = async (row: SheetRow, cols: Partial<Record<ImportField, number>>) => {
    s.totalRows += 1;
    processed += 1;
    const v = validateDropRow(row.cells, cols, opts.projects);
    if (!v.ok) {
      record({ rowNumber: row.rowNumber, drNumber: cellText(row.cells[cols.drNumber as number] ?? null) || null, kind: 'error', errors: v.errors });
      return;
    }
    const first = seen.get(v.drop.drNumber);
    if (first !== undefined) {
      record({ rowNumber: row.rowNumber, drNumber: v.drop.drNumber, kind: 'error', errors: [`${v.drop.drNumber} is already on row ${first}`] });
      return;
    }
    seen.set(v.drop.drNumber, row.rowNumber);
    pending.push({ rowNumber: row.rowNumber, drop: v.drop });
    if (pending.length >= CHUNK_ROWS) await flush();
  };

  // The register is the first sheet; its first non-blank row is the header, whatever it maps.
  const table = await openTable(input, format, { sheets: 'first', recognise: (headers) => matchHeaders(headers, DROP_IMPORT_COLUMNS, opts.mapping) });
  const m = table.header?.match;
  if (m) Object.assign(s, { headers: table.header?.headers, mapping: m.mapping, missingRequired: m.missingRequired, unmappedHeaders: m.unmappedHeaders });
  // Without the required columns no row can be read: the preview shows the mapping to fix.
  const cols = m && m.missingRequired.length === 0 ? m.columns : null;
  if (!cols) await table.close();
  else for await (const row of table.rows) await take(row, cols);
  await flush();
  // A file without a header row maps nothing.
  if (!m) s.missingRequired = DROP_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.field);
  s.rows = [...listed.errors, ...listed.changes.slice(0, Math.max(0, MAX_LISTED - listed.errors.length))];
  return s;
}
