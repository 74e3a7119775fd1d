// Invoices as finance reads them: the list, one invoice with its lines and their delivery, and the invoice as a PDF.
import type { Readable } from 'node:stream';
import { NotFoundError } from '@/src/lib/api/errors';
import { findInvoice, listInvoiceLines, listInvoices, type InvoiceLineView, type InvoiceSummary } from '../../db/invoiceListRepo';
import type { InvoiceListQuery } from '../../types/billing';
import type { ServiceContext } from '../context';
import { formatDay, formatInstant, formatRand } from '../displayFormat';
import { createPdf, heading, tableWriter } from '../exports/pdfDoc';

export async function listInvoicesFor(ctx: ServiceContext, q: InvoiceListQuery): Promise<InvoiceSummary[]> {
  return listInvoices(ctx.db, { clientId: q.clientId, limit: q.limit });
}

export async function getInvoice(ctx: ServiceContext, idOrNumber: string): Promise<InvoiceSummary & { lines: InvoiceLineView[] }> {
  const invoice = await findInvoice(ctx.db, idOrNumber);
  if (!invoice) throw new NotFoundError('Invoice');
  return { ...invoice, lines: await listInvoiceLines(ctx.db, invoice.id) };
}

const STATE_WORD = { queued: 'Queued for the invoicing system', sent: 'Sent to the invoicing system', failed: 'Delivery failed: retry it on the outbox page' };

/** Pure: the invoice as a PDF stream (header, client, period, one row per line, totals incl. 15 % VAT). */
export function invoicePdf(inv: InvoiceSummary & { lines: InvoiceLineView[] }, timeZone: string, printedBy: string, now: Date): Readable {
  const pdf = createPdf({ title: `Invoice ${inv.invoiceNumber}`, author: printedBy, footer: `${inv.invoiceNumber} · printed ${formatInstant(now, timeZone)} by ${printedBy}` });
  const { doc, t } = pdf;
  doc.font(pdf.bold).fontSize(18).fillColor('#0b2f52').text(t(`Invoice ${inv.invoiceNumber}`));
  doc.font(pdf.body).fontSize(10).fillColor('#0f172a').moveDown(0.3);
  doc.text(t(`Client: ${inv.clientName ?? 'not recorded'}`));
  if (inv.periodFrom && inv.periodTo) doc.text(t(`Work resolved from ${formatDay(inv.periodFrom)} to ${formatDay(inv.periodTo)}`));
  doc.text(t(`Raised ${formatInstant(new Date(inv.createdAt), timeZone)}${inv.createdByName ? ` by ${inv.createdByName}` : ''}`));
  doc.text(t(`State: ${STATE_WORD[inv.state]}`));
  heading(pdf, 'Lines');
  const row = tableWriter(pdf, [
    { header: 'Ticket', width: 80 },
    { header: 'Work', width: 225 },
    { header: 'Resolved', width: 70 },
    { header: 'Excl. VAT', width: 60, align: 'right' },
    { header: 'VAT', width: 45, align: 'right' },
    { header: 'Total', width: 43, align: 'right' },
  ], 8);
  for (const l of inv.lines) {
    row([l.ticketUid, l.line.description, l.line.resolvedOn ? formatDay(l.line.resolvedOn) : '', formatRand(l.line.subtotalCents), formatRand(l.line.vatCents), formatRand(l.line.totalCents)]);
  }
  doc.moveDown(0.8).font(pdf.bold).fontSize(10);
  doc.text(t(`Subtotal (excl. VAT): ${formatRand(inv.subtotalCents)}`), { align: 'right' });
  doc.text(t(`VAT 15 %: ${formatRand(inv.vatCents)}`), { align: 'right' });
  doc.fontSize(12).text(t(`Total: ${formatRand(inv.totalCents)}`), { align: 'right' });
  doc.end();
  return doc as unknown as Readable;
}

export async function exportInvoicePdf(ctx: ServiceContext, idOrNumber: string): Promise<{ fileName: string; stream: Readable }> {
  const inv = await getInvoice(ctx, idOrNumber);
  return { fileName: `${inv.invoiceNumber}.pdf`, stream: invoicePdf(inv, ctx.config.BUSINESS_TIMEZONE, ctx.user.name, ctx.clock.now()) };
}
