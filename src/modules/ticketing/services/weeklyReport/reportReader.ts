// Reads a weekly report (.xlsx or .csv, through the shared spreadsheet reader) and keeps the mapped cells of the
// ticket sheet: the first sheet whose header row, within its first rows, maps a DR or FT column and two more
// (summary and pivot sheets do not; titles and merged banners above the header are passed over).
import type { Readable } from 'node:stream';
import { ValidationError } from '@/src/lib/api/errors';
import { plainCell } from '../spreadsheet/cells';
import { openTable } from '../spreadsheet/table';
import { isTicketHeader, REPORT_FIELDS, resolveHeader, type ColumnMapping, type ReportField, type ReportHeader } from './headerMatch';

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

async function readTicketSheet(input: Readable, kind: 'xlsx' | 'csv', preferred?: Partial<ColumnMapping> | null): Promise<ReportSheet | null> {
  const table = await openTable<ReportHeader>(input, kind, {
    sheets: 'any',
    searchRows: HEADER_SEARCH_ROWS,
    recognise: (headers) => {
      const h = resolveHeader(headers, preferred);
      return isTicketHeader(h.mapping) ? h : null;
    },
  });
  if (!table.header) return null;
  const { columns, mapping } = table.header.match;
  const rows: RawReportRow[] = [];
  for await (const row of table.rows) {
    const cells: RawReportRow['cells'] = {};
    let any = false;
    for (const f of REPORT_FIELDS) {
      const v = columns[f] === undefined ? null : plainCell(row.cells[columns[f] as number]);
      if (v !== null && v !== '') {
        cells[f] = v;
        any = true;
      }
    }
    if (any) rows.push({ rowNumber: row.rowNumber, cells });
  }
  const { sheetName, headers, rowNumber, skippedSheets } = table.header;
  return { sheetName, headers: headers.filter((h) => h !== ''), headerRow: rowNumber, mapping, rows, skippedSheets };
}

export async function readReport(input: Readable, kind: 'xlsx' | 'csv', preferred?: Partial<ColumnMapping> | null): Promise<ReportSheet> {
  let sheet: ReportSheet | null;
  try {
    sheet = await readTicketSheet(input, kind, preferred);
  } catch (err) {
    throw new ValidationError(`The file could not be read as ${kind === 'xlsx' ? 'an Excel workbook' : 'CSV'}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!sheet) {
    throw new ValidationError('No sheet with a ticket header row was found (a row naming a DR Number or FT Ref column and at least two of Area, Issue, Status, Date)');
  }
  return sheet;
}
