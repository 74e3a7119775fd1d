// The shared spreadsheet readers: format detection, the lean worksheet XML reader, xlsx and CSV sheets through
// exceljs's archive reader, and the table finder both imports use (header row, sheet choice, blank rows).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFormat, readSheets, type SheetFormat } from '@/src/modules/ticketing/services/spreadsheet/reader';
import { openTable, type TableOptions } from '@/src/modules/ticketing/services/spreadsheet/table';
import { columnOf, parseRowXml, sheetXmlRows, xmlText, type SheetContext } from '@/src/modules/ticketing/services/spreadsheet/xlsxRows';

const ctx: SheetContext = { sharedString: (i) => ['zero', 'one'][i] ?? null, isDateStyle: (s) => s === 2, date1904: false };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('worksheet XML', () => {
  it('decodes entities and column letters', () => {
    expect(xmlText('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42; &unknown;')).toBe('a <b> & "c" \'d\' AB &unknown;');
    expect(xmlText('plain')).toBe('plain');
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA10'), columnOf('AB2')]).toEqual([0, 25, 26, 27]);
  });

  it('reads every cell type exceljs reads, leaving gaps as null', () => {
    const xml = [
      '<c r="A1" t="s"><v>1</v></c>', '<c r="B1" t="str"><v> x &amp; y </v></c>', '<c r="C1" t="inlineStr"><is><r><t>DR</t></r><r><t xml:space="preserve">123 </t></r></is></c>',
      '<c r="D1" t="b"><v>1</v></c>', '<c r="E1" t="e"><v>#N/A</v></c>', '<c r="F1" s="2"><v>46088.5</v></c>', '<c r="G1" s="1"><v>26.5</v></c>',
      '<c r="I1" s="2"><f>A1+1</f><v>46088</v></c>', '<c r="J1" t="str"><f>A1</f><v>abc</v></c>', '<c r="K1"><f>A1</f></c>', '<c r="L1" s="3"/>',
      '<c r="M1" t="d"><v>2026-03-07T00:00:00Z</v></c>', '<c r="N1" t="d"><v>soon</v></c>', '<c><v>7</v></c>', '<c r="P1"><v>x</v></c>',
    ].join('');
    const cells = parseRowXml(xml, ctx);
    expect(cells).toEqual([
      'one', 'x & y', 'DR123', true, null, new Date(Date.UTC(2026, 2, 7, 12)), 26.5, null, 46088, 'abc', null, null,
      new Date(Date.UTC(2026, 2, 7)), null, 7, null,
    ]);
    expect(parseRowXml('<c r="B1" s="2"><v>0</v></c>', { ...ctx, date1904: true })[1]).toEqual(new Date(Date.UTC(1904, 0, 1)));
  });

  it('streams rows across any chunk boundary, skipping empty rows and look-alike tags', async () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"/><row r="3" spans="1:2">' +
      '<c r="B3"><v>5</v></c></row><row><c t="str"><v>no r</v></c></row><row r="9"></row></sheetData><rowBreaks count="0"/></worksheet>';
    const want = [{ rowNumber: 1, cells: ['zero'] }, { rowNumber: 3, cells: [null, 5] }, { rowNumber: 4, cells: ['no r'] }];
    expect(await collect(sheetXmlRows([xml], ctx))).toEqual(want);
    for (let cut = 1; cut < xml.length; cut += 7) {
      const bytes = Buffer.from(xml);
      expect(await collect(sheetXmlRows([bytes.subarray(0, cut), bytes.subarray(cut)], ctx))).toEqual(want);
    }
    // A multi-byte character split between chunks.
    const utf = Buffer.from('<row r="1"><c t="str"><v>Pé</v></c></row>');
    const at = utf.indexOf(0xc3) + 1;
    expect(await collect(sheetXmlRows([utf.subarray(0, at), utf.subarray(at)], ctx))).toEqual([{ rowNumber: 1, cells: ['Pé'] }]);
  });
});

async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Readable> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Readable.from([Buffer.from(await wb.xlsx.writeBuffer())]);
}

describe('readSheets', () => {
  it('detects xlsx by its zip signature', () => {
    expect(detectFormat('a.csv', Buffer.from('PK\u0003\u0004'))).toBe('xlsx');
    expect(detectFormat('a.xlsx', Buffer.from('DR,'))).toBe('csv');
    expect(detectFormat('a.xlsx', Buffer.alloc(0))).toBe('xlsx');
  });

  it('streams CSV as one sheet with row numbers', async () => {
    const sheets = await collect(readSheets(Readable.from([Buffer.from('h1,h2\n1,'), Buffer.from('2\n3,4')]), 'csv'));
    expect(sheets.map((s) => s.name)).toEqual(['CSV']);
    expect(await collect(sheets[0].rows)).toEqual([{ rowNumber: 1, cells: ['h1', 'h2'] }, { rowNumber: 2, cells: ['1', '2'] }, { rowNumber: 3, cells: ['3', '4'] }]);
  });

  it('streams every worksheet by name: shared and rich strings, date cells as Dates, numbers, formulas', async () => {
    const input = await workbook((wb) => {
      const ws = wb.addWorksheet('A');
      ws.addRow(['DR', 'Installed', 'Lat']);
      ws.getRow(3).values = [{ richText: [{ text: 'DR12' }, { text: '34567' }] }, new Date(Date.UTC(2026, 2, 7)), -26.5];
      ws.getCell('B3').numFmt = 'dd/mm/yyyy';
      ws.getCell('D3').value = { formula: 'C3*2', result: -53 };
      // Excel's own short date is built-in number format 14 ('mm-dd-yy'), not a format in the file.
      ws.getCell('E3').value = new Date(Date.UTC(2025, 11, 31));
      ws.getCell('E3').numFmt = 'mm-dd-yy';
      wb.addWorksheet('B').addRow(['second & last']);
    });
    const out: { name: string; rows: unknown[] }[] = [];
    for await (const s of readSheets(input, 'xlsx')) out.push({ name: s.name, rows: await collect(s.rows) });
    expect(out).toEqual([
      { name: 'A', rows: [{ rowNumber: 1, cells: ['DR', 'Installed', 'Lat'] }, { rowNumber: 3, cells: ['DR1234567', new Date(Date.UTC(2026, 2, 7)), -26.5, -53, new Date(Date.UTC(2025, 11, 31))] }] },
      { name: 'B', rows: [{ rowNumber: 1, cells: ['second & last'] }] },
    ]);
  });
});

describe('openTable', () => {
  const ticketHeader: TableOptions<string[]>['recognise'] = (h) => (h.includes('DR') && h.length >= 3 ? h : null);
  const read = async (input: Readable, format: SheetFormat, opts: TableOptions<string[]>) => {
    const t = await openTable(input, format, opts);
    return { header: t.header, rows: await collect(t.rows) };
  };

  it('finds the header behind a summary sheet and a merged banner, skipping blank rows', async () => {
    const input = await workbook((wb) => {
      wb.addWorksheet('Summary').addRows([['Area', 'Open'], ['Lawley', 3]]);
      const ws = wb.addWorksheet('Faults');
      ws.addRow(['Weekly faults']);
      ws.mergeCells(1, 1, 1, 4);
      ws.addRow(['DR', '', 'Issue', 'Status']);
      ws.mergeCells(2, 1, 2, 2);
      ws.addRow(['DR1000001', null, 'No light', 'Open']);
      ws.addRow([]);
      ws.addRow(['', ' ']);
      ws.addRow(['DR1000002', null, 'Slow', 'Open']);
      wb.addWorksheet('Pivot').addRow(['DR', 'x', 'y']);
    });
    const t = await read(input, 'xlsx', { recognise: ticketHeader, sheets: 'any', searchRows: 10 });
    expect(t.header).toMatchObject({ sheetName: 'Faults', rowNumber: 2, headers: ['DR', '', 'Issue', 'Status'], skippedSheets: ['Summary'] });
    expect(t.rows.map((r) => r.rowNumber)).toEqual([3, 6]);
  });

  it('looks only at the first rows, and only at the first sheet unless told otherwise', async () => {
    const make = () => workbook((wb) => {
      const ws = wb.addWorksheet('Late');
      ws.getRow(12).values = ['DR', 'Issue', 'Status'];
      wb.addWorksheet('Next').addRows([['DR', 'Issue', 'Status'], ['DR1', 'a', 'b']]);
    });
    expect((await read(await make(), 'xlsx', { recognise: ticketHeader, sheets: 'any', searchRows: 10 })).header).toMatchObject({ sheetName: 'Next', skippedSheets: ['Late'] });
    expect((await read(await make(), 'xlsx', { recognise: ticketHeader, searchRows: 10 })).header).toBeNull();
    const anywhere = await read(await make(), 'xlsx', { recognise: ticketHeader });
    expect(anywhere.header).toMatchObject({ sheetName: 'Late', rowNumber: 12 });
    expect(anywhere.rows).toEqual([]);
  });

  it('reads CSV, says when there is no header, closes the file on request, and reports a broken archive', async () => {
    const csv = await read(Readable.from(['\n"DR",Issue,Status\nDR1,a,b\n']), 'csv', { recognise: ticketHeader });
    expect(csv.header).toMatchObject({ sheetName: 'CSV', rowNumber: 2 });
    expect(csv.rows).toEqual([{ rowNumber: 3, cells: ['DR1', 'a', 'b'] }]);
    expect((await read(Readable.from(['']), 'csv', { recognise: ticketHeader })).header).toBeNull();
    const input = Readable.from(['DR,Issue,Status\n', 'DR1,a,b\n']);
    const t = await openTable(input, 'csv', { recognise: ticketHeader });
    await t.close();
    await t.close();
    expect(input.destroyed).toBe(true);
    await expect(openTable(Readable.from([Buffer.from('PK\u0003\u0004 not really a zip')]), 'xlsx', { recognise: ticketHeader })).rejects.toThrow();
  });
});
