// The shared spreadsheet helpers every import uses (drop register, weekly fault report): SA and Excel dates, header
// matching, cell values and the streaming CSV parser. The readers are in spreadsheetReader.test.ts.
import { describe, expect, it } from 'vitest';
import { cellNumber, cellText, isBlankRow, plainCell } from '@/src/modules/ticketing/services/spreadsheet/cells';
import { CsvParser } from '@/src/modules/ticketing/services/spreadsheet/csv';
import { dateCellToIso, excelSerialToIso, isoDate, parseDate, parseSheetDate, parseTextDate } from '@/src/modules/ticketing/services/spreadsheet/dates';
import { matchHeaders, normaliseHeader, type ColumnSpec } from '@/src/modules/ticketing/services/spreadsheet/headers';

describe('dates', () => {
  it('reads South African text dates, day before month, in English and Afrikaans', () => {
    expect(parseTextDate('2026/03/07')).toBe('2026-03-07');
    expect(parseTextDate('2026-3-7')).toBe('2026-03-07');
    expect(parseTextDate('07/03/2026')).toBe('2026-03-07');
    expect(parseTextDate('7.3.2026')).toBe('2026-03-07');
    expect(parseTextDate('7 March 2026')).toBe('2026-03-07');
    expect(parseTextDate(' 7  mar. 2026 ')).toBe('2026-03-07');
    expect(parseTextDate('7th March, 2026')).toBe('2026-03-07');
    expect(parseTextDate('7 Maart 2026')).toBe('2026-03-07');
    expect(parseTextDate('17 Desember 2025')).toBe('2025-12-17');
    expect(parseTextDate('March 7, 2026')).toBe('2026-03-07');
    expect(parseTextDate('2026/03/07 14:30')).toBe('2026-03-07');
  });

  it('refuses impossible or unknown dates', () => {
    expect(parseTextDate('31/02/2026')).toBeNull();
    expect(parseTextDate('29/02/2025')).toBeNull();
    expect(parseTextDate('29/02/2024')).toBe('2024-02-29');
    expect(parseTextDate('7 Smarch 2026')).toBeNull();
    expect(parseTextDate('Smarch 7, 2026')).toBeNull();
    expect(parseTextDate('03/13/2026')).toBeNull();
    expect(parseTextDate('tomorrow')).toBeNull();
    expect(isoDate(1800, 1, 1)).toBeNull();
    expect(isoDate(2026, 13, 1)).toBeNull();
    expect(isoDate(2026, 1, 0)).toBeNull();
    expect(isoDate(2026.5, 1, 1)).toBeNull();
  });

  it('converts Excel serials in the 1900 system, including its phantom 29 February 1900', () => {
    expect(excelSerialToIso(25569)).toBe('1970-01-01');
    expect(excelSerialToIso(46088)).toBe('2026-03-07');
    expect(excelSerialToIso(46088.75)).toBe('2026-03-07');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(Number.NaN)).toBeNull();
    expect(excelSerialToIso(3_000_000)).toBeNull();
  });

  it('parses any cell a date column may hold, and explains what it could not read', () => {
    expect(parseSheetDate(null)).toEqual({ ok: true, date: null });
    expect(parseSheetDate(undefined)).toEqual({ ok: true, date: null });
    expect(parseSheetDate('  ')).toEqual({ ok: true, date: null });
    expect(parseSheetDate(new Date(Date.UTC(2026, 2, 7)))).toEqual({ ok: true, date: '2026-03-07' });
    expect(parseSheetDate(46088)).toEqual({ ok: true, date: '2026-03-07' });
    expect(parseSheetDate('46088')).toEqual({ ok: true, date: '2026-03-07' });
    expect(parseSheetDate('7 March 2026')).toEqual({ ok: true, date: '2026-03-07' });
    const bad = parseSheetDate('soon');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('"soon" is not a date');
    expect(parseSheetDate(true).ok).toBe(false);
    expect(dateCellToIso(new Date(Number.NaN))).toBeNull();
  });

  // The shapes the weekly fault reports use (they were its own parser's cases before the two were merged).
  it.each([
    [46351, '2026-11-25'], ['46351', '2026-11-25'], [46351.75, '2026-11-25'], [new Date(Date.UTC(2026, 10, 25)), '2026-11-25'],
    ['25/11/2026', '2026-11-25'], ['25-11-2026', '2026-11-25'], ['25.11.2026', '2026-11-25'], ['5/1/26', '2026-01-05'],
    ['2026-11-25', '2026-11-25'], ['2026/11/25', '2026-11-25'], ['2026-11-25T10:00:00Z', '2026-11-25'], ['25/11/2026 14:30', '2026-11-25'],
    ['25/11/2026 2:30 pm', '2026-11-25'], ['25 Nov 2026', '2026-11-25'], ['25-Nov-26', '2026-11-25'], ['25 November 2026', '2026-11-25'],
    ['3 Mei 2026', '2026-05-03'], ['Nov 25, 2026', '2026-11-25'], ['25 Sept 2026', '2026-09-25'], ['25 Novem 2026', '2026-11-25'],
  ])('parseDate(%s) -> %s', (v, d) => expect(parseDate(v)).toBe(d));

  it.each([[null], [undefined], [''], ['  '], ['yesterday'], ['31/02/2026'], ['25/13/2026'], ['25 Foo 2026'], ['Foo 25, 2026'], [new Date('nope')], [0], [1e9], ['12/12/1850'], [true]])(
    'parseDate(%s) is not a date',
    (v) => expect(parseDate(v)).toBeNull(),
  );

  it('narrows the years to an import\'s window: serials, Date cells and text alike', () => {
    const w = { minYear: 1990, maxYear: 2100 };
    expect(parseDate(1)).toBe('1900-01-01');
    expect(parseDate(1, w)).toBeNull();
    expect(parseDate('1', w)).toBeNull();
    expect(parseDate(45658, w)).toBe('2025-01-01');
    expect(parseDate(80_000, w)).toBeNull();
    expect(parseDate(new Date(Date.UTC(1985, 0, 1)), w)).toBeNull();
    expect(parseDate('1/1/1985', w)).toBeNull();
    expect(parseTextDate('1/1/2101', w)).toBeNull();
    expect(parseSheetDate('1/1/1985', w).ok).toBe(false);
    expect(isoDate(2026, 1, 1, w)).toBe('2026-01-01');
  });
});

describe('headers', () => {
  const specs: ColumnSpec<'dr' | 'project' | 'zone'>[] = [
    { field: 'dr', label: 'DR number', synonyms: ['drop'], required: true },
    { field: 'project', label: 'Project', synonyms: ['area'], required: true },
    { field: 'zone', label: 'Zone', synonyms: [] },
  ];

  it('matches by label and synonyms whatever the case, spacing or punctuation', () => {
    expect(normaliseHeader(' DR-Number ')).toBe('drnumber');
    const r = matchHeaders(['Drop', 'AREA', 'Notes', ''], specs);
    expect(r.columns).toEqual({ dr: 0, project: 1 });
    expect(r.mapping).toEqual({ dr: 'Drop', project: 'AREA', zone: null });
    expect(r.missingRequired).toEqual([]);
    expect(r.unmappedHeaders).toEqual(['Notes']);
  });

  it('gives a repeated header to the next field that names it, and ignores an undefined explicit entry', () => {
    const twice: ColumnSpec<'a' | 'b'>[] = [{ field: 'a', label: 'Ref', synonyms: [] }, { field: 'b', label: 'B', synonyms: ['ref'] }];
    expect(matchHeaders(['REF', 'ref'], twice, { a: undefined }).columns).toEqual({ a: 0, b: 1 });
  });

  it('lets an explicit mapping win, honours an explicit null, and uses each column once', () => {
    const r = matchHeaders(['Ref', 'Project', 'Zone', 'Zone'], specs, { dr: 'ref', zone: null, project: 'Missing header' });
    expect(r.columns).toEqual({ dr: 0, project: 1 });
    expect(r.mapping.zone).toBeNull();
    const clash = matchHeaders(['Project'], specs, { dr: 'Project' });
    expect(clash.columns).toEqual({ dr: 0 });
    expect(clash.missingRequired).toEqual(['project']);
  });
});

describe('cells', () => {
  it('flattens exceljs values to plain ones', () => {
    expect(plainCell(undefined)).toBeNull();
    expect(plainCell('a')).toBe('a');
    expect(plainCell(' x ')).toBe('x');
    expect(plainCell(true)).toBe(true);
    expect(plainCell({ richText: [{ text: 'DR' }, { text: '1734315 ' }] })).toBe('DR1734315');
    expect(plainCell({ text: { richText: [{ text: 'FT1' }] }, hyperlink: 'x' })).toBe('FT1');
    expect(plainCell({ richText: [{ text: 'DR' }, { text: '123' }, {}] })).toBe('DR123');
    expect(plainCell({ formula: 'A1', result: 5 })).toBe(5);
    expect(plainCell({ formula: 'A1' })).toBeNull();
    expect(plainCell({ text: 'link', hyperlink: 'http://x' })).toBe('link');
    expect(plainCell({ error: '#REF!' })).toBeNull();
    expect(plainCell(Symbol('x'))).toBeNull();
  });

  it('reads text and numbers, including comma decimals', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02');
    expect(cellText(' x ')).toBe('x');
    expect(cellText(12)).toBe('12');
    expect(cellNumber(1.5)).toBe(1.5);
    expect(cellNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(cellNumber('-26,5')).toBe(-26.5);
    expect(cellNumber('abc')).toBeNull();
    expect(cellNumber(true)).toBeNull();
    expect(isBlankRow([null, ' '])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });
});

describe('csv', () => {
  it('parses quotes, doubled quotes, separators inside quotes, CRLF and a BOM, across chunk boundaries', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",3\r\n\n"multi\nline",,\rlast,row';
    const whole = new CsvParser();
    const all = [...whole.push(text), ...whole.end()];
    expect(all).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', '3'], [''], ['multi\nline', '', ''], ['last', 'row']]);
    for (let cut = 1; cut < text.length; cut++) {
      const p = new CsvParser();
      expect([...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end()]).toEqual(all);
    }
  });

  it('detects semicolons, honours a given separator, and ends cleanly', () => {
    const p = new CsvParser();
    expect(p.push('a;"b;c";d\n')).toEqual([['a', 'b;c', 'd']]);
    expect(p.end()).toEqual([]);
    const q = new CsvParser(',');
    expect([...q.push('a;b,c'), ...q.end()]).toEqual([['a;b', 'c']]);
    const r = new CsvParser();
    expect([...r.push('"a"'), ...r.end()]).toEqual([['a']]);
  });
});
