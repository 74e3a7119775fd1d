// Streams the rows of an uploaded .xlsx (exceljs WorkbookReader: first worksheet) or .csv, one row at a time.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { plainCell, type CellValue } from './cells';
import { CsvParser } from './csv';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row number the operator sees in Excel (1 = the header row). */
  rowNumber: number;
  cells: CellValue[];
}

/** xlsx files are zip archives (PK\x03\x04); everything else is read as CSV text. */
export function detectFormat(fileName: string, firstBytes: Buffer): SheetFormat {
  if (firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  return /\.xlsx$/i.test(fileName) && firstBytes.length === 0 ? 'xlsx' : 'csv';
}

async function* xlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  // styles 'cache' lets exceljs recognise date-formatted cells and hand them over as Date values.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      // exceljs row.values is 1-based: index 0 is empty.
      const values = (row.values as unknown[]).slice(1);
      yield { rowNumber: row.number, cells: Array.from(values, plainCell) };
    }
    // Only the first worksheet is the register; drain the rest of the archive.
    break;
  }
}

async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const parser = new CsvParser();
  const decoder = new StringDecoder('utf8');
  let n = 0;
  for await (const chunk of input) {
    for (const r of parser.push(decoder.write(chunk as Buffer))) yield { rowNumber: ++n, cells: r };
  }
  for (const r of [...parser.push(decoder.end()), ...parser.end()]) yield { rowNumber: ++n, cells: r };
}

/** Rows of the file in order, the header row first. Blank rows are kept so row numbers match the sheet. */
export function readSheetRows(input: Readable, format: SheetFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(input) : csvRows(input);
}

/** True when every cell is empty. */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}
