// The table in an uploaded sheet: its header row (found by the import's own rule, below titles and merged banners,
// on the first sheet or on the first sheet that has one, skipping summary and pivot sheets) and the rows under it.
import type { Readable } from 'node:stream';
import { cellText, isBlankRow } from './cells';
import { readSheets, type SheetFormat, type SheetRow } from './reader';

export interface TableHeader<M> {
  sheetName: string;
  rowNumber: number;
  /** The header row's texts by column ('' where a merged or empty cell has none). */
  headers: string[];
  /** What the import's rule made of the header row. */
  match: M;
  /** Sheets before this one without a header row. */
  skippedSheets: string[];
}

export interface TableOptions<M> {
  /** The import's rule: what this row means as a header, or null when it is not the header row. */
  recognise: (headers: string[]) => M | null;
  /** The header is looked for in rows 1..searchRows of a sheet (default: anywhere). */
  searchRows?: number;
  /** 'first': only the first sheet; 'any': the first sheet with a header row. */
  sheets?: 'first' | 'any';
}

export interface Table<M> {
  /** null when no sheet has a header row. */
  header: TableHeader<M> | null;
  /** The non-blank rows under the header, on the header's sheet; the file is closed when they end. */
  rows: AsyncGenerator<SheetRow>;
  /** Stops reading and closes the file (when the rows are not read to their end). */
  close: () => Promise<void>;
}

async function* rest(rows: AsyncIterator<SheetRow>, close: () => Promise<void>): AsyncGenerator<SheetRow> {
  try {
    for (let r = await rows.next(); !r.done; r = await rows.next()) {
      if (!isBlankRow(r.value.cells)) yield r.value;
    }
  } finally {
    await close();
  }
}

async function* none(): AsyncGenerator<SheetRow> {}

/** Reads up to the header row and hands back the rest as a stream. Blank rows are skipped; row numbers are the sheet's. */
export async function openTable<M>(input: Readable, format: SheetFormat, opts: TableOptions<M>): Promise<Table<M>> {
  const limit = opts.searchRows ?? Number.POSITIVE_INFINITY;
  const sheets = readSheets(input, format);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sheets.return(undefined);
    input.destroy();
  };
  const skippedSheets: string[] = [];
  try {
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
      const rows = s.value.rows[Symbol.asyncIterator]();
      for (let r = await rows.next(); !r.done; r = await rows.next()) {
        if (r.value.rowNumber > limit) {
          // Not this sheet: read through it, so the next sheet can be reached.
          while (!(await rows.next()).done);
          break;
        }
        if (isBlankRow(r.value.cells)) continue;
        const headers = r.value.cells.map((c) => cellText(c));
        const match = opts.recognise(headers);
        if (match !== null) return { header: { sheetName: s.value.name, rowNumber: r.value.rowNumber, headers, match, skippedSheets }, rows: rest(rows, close), close };
      }
      skippedSheets.push(s.value.name);
      if (opts.sheets !== 'any') break;
    }
  } catch (err) {
    await close();
    throw err;
  }
  await close();
  return { header: null, rows: none(), close };
}
