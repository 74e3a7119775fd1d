// The weekly report's own pure rules: its date window, header variants and remembered mappings, what makes the
// ticket header, the status table, and each row's planned outcome. The shared helpers are in spreadsheet.test.ts.
import { describe, expect, it } from 'vitest';
import { parseDate } from '@/src/modules/ticketing/services/spreadsheet/dates';
import { guessMapping, headerScore, isTicketHeader, REPORT_YEARS, resolveMapping } from '@/src/modules/ticketing/services/weeklyReport/headerMatch';
import { mapReportStatus } from '@/src/modules/ticketing/services/weeklyReport/statusMap';
import { countOutcomes, parseDr, parseFtRef, planReport, type ExistingTicket } from '@/src/modules/ticketing/services/weeklyReport/reportPlan';

describe('dates', () => {
  // The parser is the shared one (spreadsheet.test.ts has its cases); the report only narrows the years.
  it('reads report dates within its year window', () => {
    expect(parseDate(46351, REPORT_YEARS)).toBe('2026-11-25');
    expect(parseDate('25-Nov-26', REPORT_YEARS)).toBe('2026-11-25');
    expect(parseDate(1, REPORT_YEARS)).toBeNull();
    expect(parseDate('12/12/1850', REPORT_YEARS)).toBeNull();
  });
});

describe('headers', () => {
  it('matches variants case-insensitively, each column once', () => {
    expect(guessMapping([' FT_Ref. ', 'DR #', 'Issue'])).toMatchObject({ ftRef: ' FT_Ref. ', drNumber: 'DR #', issue: 'Issue' });
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

describe('statuses', () => {
  it('maps report statuses through the table; empty means open', () => {
    expect(mapReportStatus('In Progress')).toBe('in_progress');
    expect(mapReportStatus('work_in_progress')).toBe('in_progress');
    expect(mapReportStatus('')).toBe('new');
    expect(mapReportStatus(null)).toBe('new');
    expect(mapReportStatus('Exploded')).toBeUndefined();
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
