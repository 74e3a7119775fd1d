// Exports: a ticket filter as CSV or a PDF report, and one ticket as PDF; files are streamed, never held whole.
import type { Readable } from 'node:stream';
import { UnprocessableError } from '@/src/lib/api/errors';
import { buildTimeline } from '../../components/tickets/timelineModel';
import type { TicketBilling } from '../../types/billing';
import type { ExportTicketsQuery } from '../../types/exports';
import { getTicketBilling } from '../billing/actualsService';
import type { ServiceContext } from '../context';
import { hasPermission } from '../permissions';
import { getHistory, getNotes } from '../ticketActivityService';
import { getTicket } from '../ticketService';
import { ticketsCsv } from './csvExport';
import { describeFilters, exportFileName } from './exportFormat';
import { ticketPdf } from './ticketPdf';
import { addToSummary, emptySummary, ticketsReportPdf } from './ticketsReportPdf';
import { openTicketSource } from './ticketSource';

export interface ExportFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** CSV rows are cheap; a printed table past a few thousand rows helps nobody. The summary counts up to the CSV cap. */
export const EXPORT_LIMITS = { csvRows: 100_000, pdfRows: 2_000 };

export async function exportTickets(ctx: ServiceContext, query: ExportTicketsQuery, limits = EXPORT_LIMITS): Promise<ExportFile> {
  const { format, ...filters } = query;
  const tz = ctx.config.BUSINESS_TIMEZONE;
  const now = ctx.clock.now();
  ctx.log.info({ format, filterKeys: Object.keys(filters) }, 'ticket export');
  if (format === 'csv') {
    const source = await openTicketSource(ctx, filters, limits.csvRows);
    return { fileName: exportFileName('tickets', now, tz, 'csv'), contentType: 'text/csv; charset=utf-8', stream: ticketsCsv(source.rows(), tz) };
  }
  // Two passes over the same filter: the summary is printed before the table, without holding the rows.
  const summary = emptySummary();
  const counting = await openTicketSource(ctx, filters, limits.csvRows);
  for await (const t of counting.rows()) addToSummary(summary, t);
  const listing = await openTicketSource(ctx, filters, limits.pdfRows);
  const stream = ticketsReportPdf({
    rows: listing.rows(), summary, filterText: describeFilters(filters), generatedAt: now, generatedBy: ctx.user.name, timeZone: tz,
    truncatedAt: summary.total > limits.pdfRows ? limits.pdfRows : null,
    onError: (err) => ctx.log.error({ err }, 'ticket report failed while streaming'),
  });
  return { fileName: exportFileName('tickets-report', now, tz, 'pdf'), contentType: 'application/pdf', stream };
}

async function billingIfAllowed(ctx: ServiceContext, uid: string): Promise<TicketBilling | null> {
  if (!hasPermission(ctx.user.role, 'billing:read')) return null;
  try {
    return await getTicketBilling(ctx, uid);
  } catch (err) {
    // An unclassified ticket has no billing record yet: the PDF simply leaves the section out.
    if (err instanceof UnprocessableError) return null;
    throw err;
  }
}

export async function exportTicket(ctx: ServiceContext, idOrUid: string): Promise<ExportFile> {
  const ticket = await getTicket(ctx, idOrUid);
  const [history, notes, billing] = await Promise.all([getHistory(ctx, ticket.id), getNotes(ctx, ticket.id), billingIfAllowed(ctx, ticket.ticketUid)]);
  const stream = ticketPdf({
    ticket, timeline: buildTimeline(history, notes), billing, timeZone: ctx.config.BUSINESS_TIMEZONE, generatedAt: ctx.clock.now(), generatedBy: ctx.user.name,
  });
  return { fileName: `${ticket.ticketUid}.pdf`, contentType: 'application/pdf', stream };
}
