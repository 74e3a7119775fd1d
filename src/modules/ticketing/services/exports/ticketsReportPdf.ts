// The PDF report of a ticket filter: a summary a manager reads first (totals and breakdowns), then the ticket table.
import type { Readable } from 'node:stream';
import { BILLING_TYPES, OPEN_STATUSES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../types/enums';
import type { TicketWithSla } from '../sla/slaView';
import { formatInZone, words } from './exportFormat';
import { createPdf, heading, tableWriter, type Column } from './pdfDoc';

export interface ReportSummary {
  total: number;
  open: number;
  breached: number;
  pendingApproval: number;
  byStatus: Record<string, number>;
  byPriority: Record<string, number>;
  byBilling: Record<string, number>;
}

export function emptySummary(): ReportSummary {
  return { total: 0, open: 0, breached: 0, pendingApproval: 0, byStatus: {}, byPriority: {}, byBilling: {} };
}

/** Pure: counts one ticket into the summary. */
export function addToSummary(s: ReportSummary, t: TicketWithSla): void {
  s.total += 1;
  if ((OPEN_STATUSES as readonly string[]).includes(t.status)) s.open += 1;
  if (t.sla.breached) s.breached += 1;
  if (t.status === 'pending_approval') s.pendingApproval += 1;
  s.byStatus[t.status] = (s.byStatus[t.status] ?? 0) + 1;
  s.byPriority[t.priority] = (s.byPriority[t.priority] ?? 0) + 1;
  const billing = t.billingType ?? 'unclassified';
  s.byBilling[billing] = (s.byBilling[billing] ?? 0) + 1;
}

/** Pure: the breakdown as table rows: status | n | priority | n | billing | n. */
export function breakdownRows(s: ReportSummary): string[][] {
  const col = (order: readonly string[], counts: Record<string, number>) => order.filter((k) => counts[k]).map((k) => [words(k), String(counts[k])]);
  const a = col(TICKET_STATUSES, s.byStatus);
  const b = col(TICKET_PRIORITIES, s.byPriority);
  const c = col([...BILLING_TYPES, 'unclassified'], s.byBilling);
  return Array.from({ length: Math.max(a.length, b.length, c.length) }, (_, i) => [...(a[i] ?? ['', '']), ...(b[i] ?? ['', '']), ...(c[i] ?? ['', ''])]);
}

export interface TicketsReportInput {
  rows: AsyncIterable<TicketWithSla>;
  summary: ReportSummary;
  filterText: string;
  generatedAt: Date;
  generatedBy: string;
  timeZone: string;
  truncatedAt: number | null;
  onError: (err: unknown) => void;
}

const TABLE: Column[] = [
  { header: 'Ticket', width: 88 },
  { header: 'Title', width: 180 },
  { header: 'Status', width: 72 },
  { header: 'Priority', width: 52 },
  { header: 'SLA', width: 62 },
  { header: 'Billing', width: 58 },
  { header: 'Assignee', width: 86 },
  { header: 'Drop / project', width: 84 },
  { header: 'Created', width: 88 },
];

export function ticketsReportPdf(r: TicketsReportInput): Readable {
  const generated = formatInZone(r.generatedAt, r.timeZone);
  const pdf = createPdf({ title: 'FibreFlow tickets report', author: r.generatedBy, landscape: true, footer: `FibreFlow tickets report · ${generated}` });
  const { doc, t } = pdf;
  doc.font(pdf.bold).fontSize(18).fillColor('#0b2f52').text(t('FibreFlow tickets report'));
  doc.font(pdf.body).fontSize(9).fillColor('#475569')
    .text(t(`Generated ${generated} (${r.timeZone}) by ${r.generatedBy}`))
    .text(t(`Filter: ${r.filterText}`));
  if (r.truncatedAt !== null) doc.fillColor('#b45309').text(t(`Only the first ${r.truncatedAt} tickets are listed; narrow the filter for the rest.`));

  heading(pdf, 'Summary');
  const stats: [string, number][] = [['Tickets', r.summary.total], ['Open', r.summary.open], ['SLA breached', r.summary.breached], ['Awaiting approval', r.summary.pendingApproval]];
  const boxW = 150;
  const y = doc.y;
  stats.forEach(([label, n], i) => {
    const x = doc.page.margins.left + i * (boxW + 12);
    doc.save().roundedRect(x, y, boxW, 44, 4).fill(i === 2 && n > 0 ? '#fee2e2' : '#f1f5f9').restore();
    doc.font(pdf.body).fontSize(8).fillColor('#475569').text(t(label.toUpperCase()), x + 8, y + 6, { width: boxW - 16 });
    doc.font(pdf.bold).fontSize(16).fillColor('#0f172a').text(String(n), x + 8, y + 18, { width: boxW - 16 });
  });
  doc.x = doc.page.margins.left;
  doc.y = y + 54;
  const breakdown = tableWriter(pdf, [
    { header: 'Status', width: 110 }, { header: 'n', width: 40, align: 'right' }, { header: 'Priority', width: 110 },
    { header: 'n', width: 40, align: 'right' }, { header: 'Billing', width: 110 }, { header: 'n', width: 40, align: 'right' },
  ]);
  breakdownRows(r.summary).forEach(breakdown);

  heading(pdf, 'Tickets');
  void (async () => {
    const row = tableWriter(pdf, TABLE, 7.5);
    let n = 0;
    for await (const x of r.rows) {
      n += 1;
      row([
        x.ticketUid, x.title, words(x.status), words(x.priority), x.sla.state === 'none' ? '' : words(x.sla.state),
        words(x.billingType), x.assigneeName ?? 'Unassigned', [x.drNumber, x.projectName].filter(Boolean).join(' / '), formatInZone(x.createdAt, r.timeZone),
      ]);
    }
    if (n === 0) doc.font(pdf.body).fontSize(9).text(t('No tickets match this filter.'));
    doc.end();
  })().catch((err: unknown) => {
    r.onError(err);
    doc.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return doc;
}
