// The PDF of one ticket: its facts, billing, description and resolution, then the whole timeline.
import type { Readable } from 'node:stream';
import type { TicketBilling } from '../../types/billing';
import type { TicketWithSla } from '../sla/slaView';
import type { TimelineItem } from '../../components/tickets/timelineModel';
import { words } from './exportFormat';
import { formatInstant, formatRand } from '../displayFormat';
import { createPdf, heading, tableWriter } from './pdfDoc';

export interface TicketPdfInput {
  ticket: TicketWithSla;
  timeline: TimelineItem[];
  billing: TicketBilling | null;
  timeZone: string;
  generatedAt: Date;
  generatedBy: string;
}

/** Pure: integer cents as the screens write them ("R 1 234,50"). */
export function rand(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return formatRand(cents);
}

export function ticketPdf(r: TicketPdfInput): Readable {
  const x = r.ticket;
  const tz = r.timeZone;
  const when = (iso: string | null) => (iso ? formatInstant(new Date(iso), tz) : '');
  const pdf = createPdf({ title: `Ticket ${x.ticketUid}`, author: r.generatedBy, footer: `Ticket ${x.ticketUid} · printed ${when(r.generatedAt.toISOString())} by ${r.generatedBy}` });
  const { doc, t } = pdf;
  doc.font(pdf.bold).fontSize(11).fillColor('#1668b3').text(t(x.ticketUid));
  doc.font(pdf.bold).fontSize(17).fillColor('#0f172a').text(t(x.title));
  doc.font(pdf.body).fontSize(9).fillColor('#475569').text(t(`${words(x.source)} · ${words(x.ticketType)}${x.category ? ` · ${x.category}` : ''} · opened ${when(x.createdAt)}`));

  heading(pdf, 'Facts');
  const facts: [string, string][] = [
    ['Status', words(x.status)], ['Priority', words(x.priority)],
    ['Assignee', x.assigneeName ?? 'Unassigned'], ['SLA', `${words(x.sla.state)}${x.dueAt ? `, resolution due ${when(x.dueAt)}` : ''}`],
    ['DR number', x.drNumber ?? ''], ['Project / client', [x.projectName, x.clientName].filter(Boolean).join(' / ')],
    ['Address', x.address ?? ''], ['Reporter', [x.reporterName, x.reporterPhone, x.reporterEmail].filter(Boolean).join(', ')],
    ['Resolved', x.resolvedAt ? when(x.resolvedAt) : ''], ['Fault cause', words(x.faultCause)],
  ];
  const grid = tableWriter(pdf, [{ header: 'Field', width: 90 }, { header: 'Value', width: 170 }, { header: 'Field', width: 90 }, { header: 'Value', width: 173 }], 8.5);
  for (let i = 0; i < facts.length; i += 2) grid([...facts[i], ...(facts[i + 1] ?? ['', ''])]);

  if (r.billing) {
    heading(pdf, 'Billing');
    const b = r.billing;
    doc.font(pdf.body).fontSize(9).text(t(`${words(b.billingType)}: ${b.reason}`));
    if (b.estimated) doc.text(t(`Estimate ${rand(b.estimated.totalCents)} excl. VAT (${b.estimated.hours} h${b.afterHours ? ', after hours' : ''})`));
    if (b.actual) doc.text(t(`Actual ${rand(b.actual.totalCents)} excl. VAT`));
    if (b.approvalStatus) doc.text(t(`Approval: ${words(b.approvalStatus)}${b.decidedAt ? ` ${when(b.decidedAt)}` : ''}${b.decisionReason ? ` (${b.decisionReason})` : ''}`));
    if (b.invoiceId) doc.text(t(`Invoiced: ${b.invoiceId}${b.invoicedAt ? ` on ${when(b.invoicedAt)}` : ''}`));
  }

  heading(pdf, 'Description');
  doc.font(pdf.body).fontSize(9).text(t(x.description || 'No description.'));
  if (x.resolutionNotes) {
    heading(pdf, 'Resolution');
    doc.font(pdf.body).fontSize(9).text(t(x.resolutionNotes));
  }

  heading(pdf, 'Timeline');
  const row = tableWriter(pdf, [{ header: 'When', width: 78 }, { header: 'Who', width: 95 }, { header: 'What', width: 350 }], 8);
  for (const i of r.timeline) {
    const what = i.kind === 'note' ? `${words(i.note.noteType)} note${i.note.channel && i.note.channel !== 'web' ? ` (${i.note.channel})` : ''}: ${i.note.body}` : `${i.text}${i.detail ? `\n${i.detail}` : ''}`;
    row([when(i.at), i.actor, what]);
  }
  if (r.timeline.length === 0) doc.font(pdf.body).fontSize(9).text(t('Nothing recorded yet.'));
  doc.end();
  return doc;
}
