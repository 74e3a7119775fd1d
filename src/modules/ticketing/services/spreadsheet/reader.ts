// Streams the sheets of an uploaded .xlsx (exceljs WorkbookReader for the archive, shared strings and styles; our
// lean row reader for the sheet XML) or .csv, one row at a time, with plain cell values.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { plainCell, type CellValue } from './cells';
import { CsvParser } from './csv';
import { sheetXmlRows, type SheetContext } from './xlsxRows';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row number the operator sees in Excel (1 = the first row). */
  rowNumber: number;
  cells: CellValue[];
}

export interface Sheet {
  name: string;
  rows: AsyncIterable<SheetRow>;
}

/** xlsx files are zip archives (PK\x03\x04); everything else is read as CSV text. */
export function detectFormat(fileName: string, firstBytes: Buffer): SheetFormat {
  if (firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  return /\.xlsx$/i.test(fileName) && firstBytes.length === 0 ? 'xlsx' : 'csv';
}

/** The parts of exceljs's WorksheetReader (4.x) the lean reader uses: the entry's bytes and the workbook's tables. */
interface WorksheetInternals {
  name?: string;
  iterator: AsyncIterable<Buffer>;
  workbook: {
    sharedStrings?: unknown[];
    styles: { getStyleModel(id: number): { numFmt?: string } | null | undefined };
    properties?: { model?: { date1904?: boolean } };
  };
}

// exceljs's test for a date number format: date letters outside quoted text and [colour]/[locale] blocks.
const isDateFormat = (fmt: string | undefined) => !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

function contextOf(sheet: WorksheetInternals): SheetContext {
  const { sharedStrings, styles, properties } = sheet.workbook;
  const dateStyles = new Map<number, boolean>();
  const strings = new Map<number, CellValue>();
  return {
    sharedString: (i) => {
      let v = strings.get(i);
      if (v === undefined) strings.set(i, (v = plainCell(sharedStrings?.[i])));
      return v;
    },
    isDateStyle: (id) => {
      let d = dateStyles.get(id);
      if (d === undefined) dateStyles.set(id, (d = id > 0 && isDateFormat(styles.getStyleModel(id)?.numFmt)));
      return d;
    },
    date1904: properties?.model?.date1904 === true,
  };
}

async function* xlsxSheets(input: Readable): AsyncGenerator<Sheet> {
  // Shared strings and styles are cached (styles tell date cells from numbers); hyperlinks and entries are not needed.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const ws of reader) {
    const sheet = ws as unknown as WorksheetInternals;
    yield { name: sheet.name ?? 'Sheet', rows: sheetXmlRows(sheet.iterator, contextOf(sheet)) };
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

async function* csvSheets(input: Readable): AsyncGenerator<Sheet> {
  yield { name: 'CSV', rows: csvRows(input) };
}

/**
 * The sheets of the file in order, each with its rows (header rows included; rows are read as the sheet is
 * iterated, so read or drain one sheet's rows before asking for the next sheet). A CSV file is one sheet, "CSV".
 */
export function readSheets(input: Readable, format: SheetFormat): AsyncGenerator<Sheet> {
  return format === 'xlsx' ? xlsxSheets(input) : csvSheets(input);
}
