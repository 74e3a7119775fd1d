// Weekly fault report workbooks the tests generate with exceljs: a summary sheet before the data, a merged title
// banner above the header, merged header cells, serial and text dates, blank rows, a missing column, any row count.
import ExcelJS from 'exceljs';

export interface ReportRowSpec {
  ft?: string | number | null;
  dr?: string | null;
  area?: string | null;
  issue?: string | null;
  status?: string | null;
  /** A Date cell, an Excel serial number, or text as an office would type it. */
  date?: Date | number | string | null;
}

export interface WorkbookSpec {
  rows: (ReportRowSpec | 'blank')[];
  /** Header texts in column order (default FT Ref, DR Number, Area, Issue, Status, Date). */
  headers?: string[];
  summaryFirst?: boolean;
  titleBanner?: boolean;
  /** Merge the header cell of the first column with the empty one beside it. */
  mergedHeader?: boolean;
}

export const DEFAULT_HEADERS = ['FT Ref', 'DR Number', 'Area', 'Issue', 'Status', 'Date'];
const KEYS: Record<string, keyof ReportRowSpec> = { ft: 'ft', dr: 'dr', area: 'area', issue: 'issue', status: 'status', date: 'date' };

function keyOf(header: string): keyof ReportRowSpec | null {
  const h = header.toLowerCase();
  if (h.includes('ft') || h.includes('ref')) return KEYS.ft;
  if (h.startsWith('dr')) return KEYS.dr;
  if (h.includes('area')) return KEYS.area;
  if (h.includes('issue') || h.includes('fault')) return KEYS.issue;
  if (h.includes('status')) return KEYS.status;
  if (h.includes('date')) return KEYS.date;
  return null;
}

export async function reportWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const headers = spec.headers ?? DEFAULT_HEADERS;
  if (spec.summaryFirst) {
    const s = wb.addWorksheet('Summary');
    s.addRow(['Weekly fault summary']);
    s.addRow(['Area', 'Open', 'Closed']);
    s.addRow(['Lawley', 12, 30]);
    s.addRow(['Mohadin', 4, 9]);
  }
  const ws = wb.addWorksheet('Faults');
  let offset = 0;
  if (spec.titleBanner) {
    ws.addRow(['Fibertime weekly fault report, week 48']);
    ws.mergeCells(1, 1, 1, headers.length + (spec.mergedHeader ? 1 : 0));
    offset = 1;
  }
  const cols = spec.mergedHeader ? [headers[0], '', ...headers.slice(1)] : headers;
  ws.addRow(cols);
  if (spec.mergedHeader) ws.mergeCells(offset + 1, 1, offset + 1, 2);
  ws.getColumn(cols.length).numFmt = 'dd/mm/yyyy';
  for (const r of spec.rows) {
    if (r === 'blank') {
      ws.addRow([]);
      continue;
    }
    ws.addRow(cols.map((h) => {
      const k = keyOf(h);
      return k ? (r[k] ?? null) : null;
    }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A large report written with exceljs's streaming writer. */
export async function largeWorkbook(n: number, row: (i: number) => ReportRowSpec): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('Faults');
  ws.addRow(DEFAULT_HEADERS).commit();
  for (let i = 0; i < n; i++) {
    const r = row(i);
    ws.addRow([r.ft ?? null, r.dr ?? null, r.area ?? null, r.issue ?? null, r.status ?? null, r.date ?? null]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

export function reportCsv(rows: ReportRowSpec[], headers = ['ft_ref', 'dr_number', 'area', 'issue', 'status', 'date']): Buffer {
  const q = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [headers.join(','), ...rows.map((r) => [r.ft, r.dr, r.area, r.issue, r.status, r.date].map(q).join(','))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}
