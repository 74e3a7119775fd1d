// Reads a weekly report (.xlsx with exceljs's streaming reader, .csv with fast-csv, exceljs's own CSV engine) row by
// row, picks the sheet that holds the tickets (the first whose header row, within its first rows, maps a DR or FT
// column and two more; summary and pivot sheets do not), and keeps only that sheet's mapped cells.
import type { Readable } from 'node:stream';
import { parse as parseCsv } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import { ValidationError } from '@/src/lib/api/errors';
import { isTicketHeader, REPORT_FIELDS, resolveMapping, type ColumnMapping, type ReportField } from './headerMatch';

/** Rows searched for the header at the top of each sheet (titles and merged banners come first). */
export const HEADER_SEARCH_ROWS = 10;

export interface RawReportRow {
  rowNumber: number;
  cells: Partial<Record<ReportField, unknown>>;
}

export interface ReportSheet {
  sheetName: string;
  headers: string[];
  headerRow: number;
  mapping: ColumnMapping;
  rows: RawReportRow[];
  skippedSheets: string[];
}

/** The plain value of an exceljs cell (rich text, hyperlinks, formulas' results). */
export function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return typeof v === 'string' ? v.trim() : v;
  const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
  if (o.richText) return o.richText.map((r) => r.text).join('').trim();
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  return null;
}

const asText = (v: unknown) => {
  const c = cellValue(v);
  return c === null ? '' : c instanceof Date ? c.toISOString() : String(c);
};

/** Feeds rows (1-based arrays) of one sheet; returns the sheet once its header was found, else null. */
class SheetCollector {
  private header: { headers: string[]; index: Map<string, number>; mapping: ColumnMapping; row: number } | null = null;
  readonly rows: RawReportRow[] = [];
  constructor(private readonly preferred?: Partial<ColumnMapping> | null) {}

  /** False once the top of the sheet passed without a header (the rest of the sheet is skipped). */
  add(rowNumber: number, values: readonly unknown[]): boolean {
    if (!this.header) {
      if (rowNumber > HEADER_SEARCH_ROWS) return false;
      const headers = values.map(asText);
      const named = headers.filter((h) => h !== '');
      const mapping = resolveMapping(named, this.preferred);
      if (isTicketHeader(mapping)) {
        const index = new Map<string, number>();
        headers.forEach((h, i) => h !== '' && !index.has(h) && index.set(h, i));
        this.header = { headers: named, index, mapping, row: rowNumber };
      }
      return true;
    }
    const cells: RawReportRow['cells'] = {};
    let any = false;
    for (const f of REPORT_FIELDS) {
      const h = this.header.mapping[f];
      const v = h === null ? null : cellValue(values[this.header.index.get(h) as number]);
      if (v !== null && v !== '') {
        cells[f] = v;
        any = true;
      }
    }
    if (any) this.rows.push({ rowNumber, cells });
    return true;
  }

  result(sheetName: string, skipped: string[]): ReportSheet | null {
    return this.header ? { sheetName, headers: this.header.headers, headerRow: this.header.row, mapping: this.header.mapping, rows: this.rows, skippedSheets: skipped } : null;
  }
}

async function readXlsx(input: Readable, preferred?: Partial<ColumnMapping> | null): Promise<ReportSheet | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const skipped: string[] = [];
  let found: ReportSheet | null = null;
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name ?? 'Sheet';
    if (found) {
      for await (const row of sheet) void row; // drain the rest of the file
      continue;
    }
    const c = new SheetCollector(preferred);
    let open = true;
    for await (const row of sheet) {
      if (open) open = c.add(row.number, (row.values as unknown[]).slice(1));
    }
    found = c.result(name, skipped);
    if (!found) skipped.push(name);
  }
  return found;
}

async function readCsv(input: Readable, preferred?: Partial<ColumnMapping> | null): Promise<ReportSheet | null> {
  const c = new SheetCollector(preferred);
  let n = 0;
  const parser = input.pipe(parseCsv({ headers: false, ignoreEmpty: false, trim: true }));
  for await (const row of parser) {
    n += 1;
    c.add(n, row as string[]);
  }
  return c.result('CSV', []);
}

export async function readReport(input: Readable, kind: 'xlsx' | 'csv', preferred?: Partial<ColumnMapping> | null): Promise<ReportSheet> {
  let sheet: ReportSheet | null;
  try {
    sheet = kind === 'xlsx' ? await readXlsx(input, preferred) : await readCsv(input, preferred);
  } catch (err) {
    throw new ValidationError(`The file could not be read as ${kind === 'xlsx' ? 'an Excel workbook' : 'CSV'}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!sheet) {
    throw new ValidationError('No sheet with a ticket header row was found (a row naming a DR Number or FT Ref column and at least two of Area, Issue, Status, Date)');
  }
  return sheet;
}
