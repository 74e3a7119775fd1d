// A lean reader for one worksheet's XML (<sheetData><row><c>...): plain cell values straight from the text, without
// exceljs's Row and Cell objects (a 200,000-row register spent most of its time building them). exceljs's
// WorkbookReader still unzips the file and reads the shared strings, styles and workbook properties it needs.
import { StringDecoder } from 'node:string_decoder';
import type { CellValue } from './cells';

/** What a sheet's cells refer to: the shared string table, and which style ids format numbers as dates. */
export interface SheetContext {
  sharedString(index: number): CellValue;
  isDateStyle(styleId: number): boolean;
  date1904: boolean;
}

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, e: string) => NAMED[e] ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));
}

/** 'A1' -> 0, 'AB12' -> 27: the 0-based column of a cell reference. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ATTR = /\b(r|s|t)="([^"]*)"/g;
const V = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const T = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;

/** Excel's day serial as the Date exceljs would give (that wall-clock date and time, at UTC). */
const serialToDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

function cellValue(type: string, styleId: number, body: string, ctx: SheetContext): CellValue {
  if (type === 'inlineStr') {
    let text = '';
    for (const m of body.matchAll(T)) text += m[1];
    return xmlText(text).trim();
  }
  const v = V.exec(body);
  if (!v) return null;
  const raw = v[1];
  const formula = body.includes('<f');
  switch (type) {
    case 's':
      return ctx.sharedString(parseInt(raw, 10));
    case 'str':
      return xmlText(raw).trim();
    case 'b':
      return raw.trim() !== '0';
    case 'e':
      return null;
    case 'd': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default: {
      const n = parseFloat(raw);
      if (Number.isNaN(n)) return null;
      // Formula results stay numbers, as exceljs gives them.
      return !formula && ctx.isDateStyle(styleId) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** One <row> element's cells, dense (gaps are null), 0-based by column. */
export function parseRowXml(inner: string, ctx: SheetContext): CellValue[] {
  const cells: CellValue[] = [];
  let col = -1;
  // exec loops on module-level regexes: no iterator or regex copy per row (a large register has millions of cells).
  CELL.lastIndex = 0;
  for (let m = CELL.exec(inner); m; m = CELL.exec(inner)) {
    let type = 'n';
    let style = 0;
    let ref = '';
    const attrs = m[1];
    ATTR.lastIndex = 0;
    for (let a = ATTR.exec(attrs); a; a = ATTR.exec(attrs)) {
      if (a[1] === 'r') ref = a[2];
      else if (a[1] === 's') style = parseInt(a[2], 10) || 0;
      else type = a[2];
    }
    col = ref ? columnOf(ref) : col + 1;
    while (cells.length < col) cells.push(null);
    cells[col] = m[2] === undefined ? null : cellValue(type, style, m[2], ctx);
  }
  return cells;
}

export interface XmlRow {
  rowNumber: number;
  cells: CellValue[];
}

const isRowTag = (text: string, i: number) => {
  const c = text[i + 4];
  return c === ' ' || c === '>' || c === '/' || c === '\t' || c === '\n' || c === '\r';
};

/** The rows of a worksheet's XML, as its bytes stream in. Rows without cells are left out. */
export async function* sheetXmlRows(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, ctx: SheetContext): AsyncGenerator<XmlRow> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let last = 0;
  for await (const chunk of chunks) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let pos = 0;
    for (;;) {
      let start = text.indexOf('<row', pos);
      while (start >= 0 && !isRowTag(text, start)) start = text.indexOf('<row', start + 4);
      if (start < 0 || start + 4 >= text.length) {
        pos = start >= 0 ? start : Math.max(pos, text.length - 4);
        break;
      }
      const open = text.indexOf('>', start);
      if (open < 0) {
        pos = start;
        break;
      }
      const selfClosing = text[open - 1] === '/';
      const close = selfClosing ? open : text.indexOf('</row>', open);
      if (close < 0) {
        pos = start;
        break;
      }
      const r = /\br="(\d+)"/.exec(text.slice(start, open));
      const rowNumber = r ? Number(r[1]) : last + 1;
      last = rowNumber;
      pos = selfClosing ? open + 1 : close + 6;
      if (selfClosing) continue;
      const cells = parseRowXml(text.slice(open + 1, close), ctx);
      if (cells.length) yield { rowNumber, cells };
    }
    text = text.slice(pos);
  }
}
