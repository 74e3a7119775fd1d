// Pure parts of the exports: local times, file names, labels, the filter line, spreadsheet-safe cells, PDF text and summary.
import { describe, expect, it } from 'vitest';
import { describeFilters, exportFileName, formatInZone, safeCell, words } from '@/src/modules/ticketing/services/exports/exportFormat';
import { toLatin1 } from '@/src/modules/ticketing/services/exports/pdfDoc';
import { rand } from '@/src/modules/ticketing/services/exports/ticketPdf';
import { addToSummary, breakdownRows, emptySummary } from '@/src/modules/ticketing/services/exports/ticketsReportPdf';
import type { TicketWithSla } from '@/src/modules/ticketing/services/sla/slaView';

describe('export formatting', () => {
  it('writes times in the business timezone, and dates alone when asked', () => {
    expect(formatInZone('2026-11-25T21:30:00Z', 'Africa/Johannesburg')).toBe('2026-11-25 23:30');
    expect(formatInZone(new Date('2026-11-25T22:30:00Z'), 'Africa/Johannesburg', false)).toBe('2026-11-26');
    expect(formatInZone(null, 'Africa/Johannesburg')).toBe('');
  });

  it('names files after the local time of the export', () => {
    expect(exportFileName('tickets', new Date('2026-11-25T12:06:00Z'), 'Africa/Johannesburg', 'csv')).toBe('tickets-2026-11-25-1406.csv');
  });

  it('turns enumeration values into words', () => {
    expect(words('pending_approval')).toBe('Pending approval');
    expect(words(null)).toBe('');
  });

  it('describes the filter of a report, or says it is all tickets', () => {
    expect(describeFilters({ sort: 'created_at', order: 'desc' })).toBe('All tickets');
    expect(describeFilters({ status: ['new', 'in_progress'], priority: ['high'], q: 'splice', sort: 'created_at', order: 'desc' })).toBe(
      'Status: New, In progress · Priority: High · Search: splice',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(safeCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(safeCell('+27 82 000 0000')).toBe("'+27 82 000 0000");
    expect(safeCell('@cmd')).toBe("'@cmd");
    expect(safeCell('No signal')).toBe('No signal');
  });

  it('keeps text printable in Latin-1 fonts', () => {
    expect(toLatin1('New → Assigned … “quoted” – it’s R\u202F350')).toBe('New -> Assigned ... "quoted" - it\'s R 350');
    expect(toLatin1('Ünïcode 漢')).toBe('Ünïcode ?');
  });

  it('prints rand from cents exactly', () => {
    expect(rand(123456).replace(/\u00a0/g, ' ')).toBe('R 1 234,56');
    expect(rand(-5).replace(/\u00a0/g, ' ')).toBe('-R 0,05');
    expect(rand(null)).toBe('');
  });

  it('summarises tickets for the report and lays the breakdown out in rows', () => {
    const s = emptySummary();
    const t = (status: string, priority: string, billingType: string | null, breached = false) =>
      ({ status, priority, billingType, sla: { breached } }) as unknown as TicketWithSla;
    addToSummary(s, t('new', 'high', 'guarantee'));
    addToSummary(s, t('pending_approval', 'medium', 'billable'));
    addToSummary(s, t('resolved', 'high', null, true));
    expect(s).toMatchObject({ total: 3, open: 2, breached: 1, pendingApproval: 1 });
    expect(breakdownRows(s)).toEqual([
      ['New', '1', 'Medium', '1', 'Guarantee', '1'],
      ['Resolved', '1', 'High', '2', 'Billable', '1'],
      ['Pending approval', '1', '', '', 'Unclassified', '1'],
    ]);
  });
});
