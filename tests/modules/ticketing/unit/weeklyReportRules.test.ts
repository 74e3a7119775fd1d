// The weekly report's pure rules: South African dates and Excel serials, header matching with variants and
// remembered mappings, the status table, reading cells, and each row's planned outcome.
import { describe, expect, it } from 'vitest';
import { excelSerialToDate, parseSaDate } from '@/src/modules/ticketing/services/weeklyReport/saDate';
import { guessMapping, headerScore, isTicketHeader, normaliseHeader, resolveMapping } from '@/src/modules/ticketing/services/weeklyReport/headerMatch';
import { mapReportStatus } from '@/src/modules/ticketing/services/weeklyReport/statusMap';
import { cellValue } from '@/src/modules/ticketing/services/weeklyReport/reportReader';
import { countOutcomes, parseDr, parseFtRef, planReport, type ExistingTicket } from '@/src/modules/ticketing/services/weeklyReport/reportPlan';

describe('dates', () => {
  it.each([
    [46351, '2026-11-25'], ['46351', '2026-11-25'], [46351.75, '2026-11-25'], [new Date(Date.UTC(2026, 10, 25)), '2026-11-25'],
    ['25/11/2026', '2026-11-25'], ['25-11-2026', '2026-11-25'], ['25.11.2026', '2026-11-25'], ['5/1/26', '2026-01-05'],
    ['2026-11-25', '2026-11-25'], ['2026/11/25', '2026-11-25'], ['2026-11-25T10:00:00Z', '2026-11-25'], ['25/11/2026 14:30', '2026-11-25'],
    ['25 Nov 2026', '2026-11-25'], ['25-Nov-26', '2026-11-25'], ['25 November 2026', '2026-11-25'], ['3 Mei 2026', '2026-05-03'],
    ['Nov 25, 2026', '2026-11-25'], ['25 Sept 2026', '2026-09-25'],
  ])('%s -> %s', (v, d) => expect(parseSaDate(v)).toBe(d));

  it.each([[null], [undefined], [''], ['yesterday'], ['31/02/2026'], ['25/13/2026'], ['25 Foo 2026'], ['Foo 25, 2026'], [new Date('nope')], [0], [1e9], ['12/12/1850']])('%s is not a date', (v) => {
    expect(parseSaDate(v)).toBeNull();
  });

  it('reads the 1900 date system', () => {
    expect(excelSerialToDate(1)).toBeNull();
    expect(excelSerialToDate(45658)).toBe('2025-01-01');
    expect(excelSerialToDate(Number.NaN)).toBeNull();
  });
});

describe('headers', () => {
  it('matches variants case-insensitively, each column once', () => {
    expect(normaliseHeader(' FT_Ref. ')).toBe('ft ref');
    expect(guessMapping(['Reference', 'DR-Number', 'Suburb', 'Fault Description', 'STATUS', 'Date Logged'])).toEqual({
      ftRef: 'Reference', drNumber: 'DR-Number', area: 'Suburb', issue: 'Fault Description', status: 'STATUS', date: 'Date Logged',
    });
    expect(guessMapping(['ft_ref', 'dr', 'ref'])).toMatchObject({ ftRef: 'ft_ref', drNumber: 'dr' });
  });

  it('knows a ticket header from a summary header', () => {
    const summary = guessMapping(['Area', 'Open', 'Closed']);
    expect(headerScore(summary)).toBe(1);
    expect(isTicketHeader(summary)).toBe(false);
    expect(isTicketHeader(guessMapping(['DR', 'Issue', 'Status']))).toBe(true);
    expect(isTicketHeader(guessMapping(['DR', 'Issue']))).toBe(false);
  });

  it('applies a remembered mapping where its header is in the file, and a null to leave a column out', () => {
    const headers = ['Ticket No', 'Drop ID', 'Issue', 'Status'];
    expect(resolveMapping(headers, { ftRef: 'Ticket No', drNumber: 'Drop ID', area: 'Gone column', status: null })).toEqual({
      ftRef: 'Ticket No', drNumber: 'Drop ID', area: null, issue: 'Issue', status: null, date: null,
    });
    expect(resolveMapping(headers, null)).toEqual(guessMapping(headers));
  });
});

describe('statuses and cells', () => {
  it('maps report statuses through the table; empty means open', () => {
    expect(mapReportStatus('In Progress')).toBe('in_progress');
    expect(mapReportStatus('work_in_progress')).toBe('in_progress');
    expect(mapReportStatus('')).toBe('new');
    expect(mapReportStatus(null)).toBe('new');
    expect(mapReportStatus('Exploded')).toBeUndefined();
  });

  it('reads rich text, hyperlinks, formulas and plain values', () => {
    expect(cellValue({ richText: [{ text: 'DR' }, { text: '1734315 ' }] })).toBe('DR1734315');
    expect(cellValue({ text: 'FT1', hyperlink: 'x' })).toBe('FT1');
    expect(cellValue({ formula: 'A1', result: 46351 })).toBe(46351);
    expect(cellValue({ error: '#N/A' })).toBeNull();
    expect(cellValue(undefined)).toBeNull();
    expect(cellValue(' x ')).toBe('x');
    expect(cellValue(true)).toBe(true);
  });
});

describe('planning rows', () => {
  const t = (ticketUid: string, status: ExistingTicket['status'], drNumber: string | null): ExistingTicket => ({ id: ticketUid, ticketUid, status, drNumber });
  const existing = (list: ExistingTicket[]) => ({
    byUid: new Map(list.map((x) => [x.ticketUid, x])),
    byDrop: list.reduce((m, x) => m.set(x.drNumber as string, [...(m.get(x.drNumber as string) ?? []), x]), new Map<string, ExistingTicket[]>()),
  });

  it('reads FT and DR references in their usual shapes', () => {
    expect(parseFtRef('FT 490441')).toBe('490441');
    expect(parseFtRef(490441)).toBe('490441');
    expect(parseFtRef('490441.0')).toBe('490441');
    expect(parseFtRef('abc')).toBeUndefined();
    expect(parseFtRef('')).toBeNull();
    expect(parseDr('dr-1734315')).toBe('DR1734315');
    expect(parseDr(1734315)).toBe('DR1734315');
    expect(parseDr(new Date(0))).toBeUndefined();
  });

  it('matches an FT ticket of another ref on the drop only by its own ref, and leaves an illegal move as it is', () => {
    const rows = planReport(
      [
        { rowNumber: 2, cells: { ftRef: 'FT200', drNumber: 'DR1000001', status: 'Open' } },
        { rowNumber: 3, cells: { drNumber: 'DR1000002', status: 'Resolved' } },
        { rowNumber: 4, cells: { drNumber: 'DR1000003', status: 'Closed' } },
        { rowNumber: 5, cells: { ftRef: 'bad' } },
      ],
      existing([t('FT100', 'in_progress', 'DR1000001'), t('DR1000002-1', 'new', 'DR1000002')]),
    );
    expect(rows.map((r) => [r.row, r.outcome])).toEqual([[2, 'new'], [3, 'unchanged'], [4, 'unchanged'], [5, 'error']]);
    expect(rows[1].reason).toBe('The report says Resolved; resolved cannot follow new, left as it is');
    expect(countOutcomes(rows)).toEqual({ update: 0, unchanged: 2, new: 1, duplicate: 0, error: 1 });
  });
});
