// Invoice lines for approved, resolved billable work: one line per ticket, sent once through the outbox (key = ticket UID).
import type { Queryable } from '@/src/lib/db';
import { ConflictError, UnprocessableError, ValidationError } from '@/src/lib/api/errors';
import { appendHistory } from '../../db/historyRepo';
import { listInvoiceCandidates, lockInvoiceFacts, markInvoiceRequested, type InvoiceFacts } from '../../db/invoiceRepo';
import { enqueueOutbox } from '../../db/outboxRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import type { InvoiceBody, InvoiceLinePayload } from '../../types/billing';
import type { ServiceContext } from '../context';
import { findVisibleTicket } from '../ticketAccess';
import { addDays, startOfLocalDay } from './billingCalculator';
import { invoiceAmounts, localDate } from './feePricing';

export interface InvoiceLineOutcome {
  ticketUid: string;
  /** False when a line had already been requested for this ticket: nothing new was sent. */
  created: boolean;
  line: InvoiceLinePayload;
}

/** Why a ticket cannot be invoiced (409: its state; 422: a missing cost), or null when it can. */
export function notInvoiceable(f: InvoiceFacts): { reason: string; missingCost: boolean } | null {
  const no = (reason: string, missingCost = false) => ({ reason, missingCost });
  if (f.billingType !== 'billable') return no(`is not billable work (${f.billingType ?? 'unclassified'})`);
  if (f.approvalStatus !== 'approved') return no(`has billable work that is ${f.approvalStatus}, not approved`);
  if (f.status !== 'resolved' && f.status !== 'closed') return no(`is ${f.status}; only resolved or closed work is invoiced`);
  if (f.actualTotalCents === null && f.estimatedTotalCents === null) return no('has no cost: record the actual hours, parts and travel first', true);
  return null;
}

export function buildInvoiceLine(f: InvoiceFacts, timeZone: string): InvoiceLinePayload {
  const subtotal = (f.actualTotalCents ?? f.estimatedTotalCents) as number;
  const basis = f.actualTotalCents !== null ? `${f.actualHours ?? 0} h actual` : 'estimate';
  const description = `${f.serviceType ?? 'Billable work'}: ${f.title} (${f.ticketUid}${f.drNumber ? `, ${f.drNumber}` : ''}; ${basis})`.slice(0, 500);
  return {
    ticketUid: f.ticketUid, drNumber: f.drNumber, clientId: f.clientId, clientName: f.clientName, description,
    ...invoiceAmounts(subtotal), resolvedOn: f.resolvedAt ? localDate(f.resolvedAt, timeZone) : null,
  };
}

/** Writes the line and its outbox item for one locked, invoiceable ticket; a second request returns the first line. */
async function requestLine(tx: Queryable, ctx: ServiceContext, f: InvoiceFacts): Promise<InvoiceLineOutcome> {
  if (f.invoiceRequestedAt && f.invoiceLine) return { ticketUid: f.ticketUid, created: false, line: f.invoiceLine };
  const now = ctx.clock.now();
  const line = buildInvoiceLine(f, ctx.config.BUSINESS_TIMEZONE);
  await markInvoiceRequested(tx, f.ticketId, line, ctx.user.id, now);
  const queued = await enqueueOutbox(tx, { kind: OUTBOX_KINDS.invoiceLine, payload: line, idempotencyKey: f.ticketUid, ticketId: f.ticketId, runAt: now });
  await appendHistory(tx, {
    ticketId: f.ticketId, actor: ctx.user, action: 'invoice_requested', field: 'invoice', newValue: line.totalCents,
    details: { subtotalCents: line.subtotalCents, vatCents: line.vatCents, totalCents: line.totalCents, outboxId: queued.id }, at: now,
  });
  return { ticketUid: f.ticketUid, created: true, line };
}

async function invoiceOne(ctx: ServiceContext, uid: string): Promise<InvoiceLineOutcome> {
  const t = await findVisibleTicket(ctx.db, ctx.user, uid);
  return ctx.db.transaction(async (tx) => {
    const f = (await lockInvoiceFacts(tx, t.id)) as InvoiceFacts;
    if (f.invoiceRequestedAt && f.invoiceLine) return { ticketUid: f.ticketUid, created: false, line: f.invoiceLine };
    const why = notInvoiceable(f);
    if (why) throw why.missingCost ? new UnprocessableError(`Ticket ${f.ticketUid} ${why.reason}`) : new ConflictError(`Ticket ${f.ticketUid} ${why.reason}`);
    return requestLine(tx, ctx, f);
  });
}

async function invoiceBatch(ctx: ServiceContext, clientId: string, from: string, to: string) {
  const tz = ctx.config.BUSINESS_TIMEZONE;
  const candidates = await listInvoiceCandidates(ctx.db, clientId, startOfLocalDay(from, tz), startOfLocalDay(addDays(to, 1), tz));
  return ctx.db.transaction(async (tx) => {
    const lines: InvoiceLineOutcome[] = [];
    const skipped: { ticketUid: string; reason: string }[] = [];
    for (const c of candidates) {
      const f = await lockInvoiceFacts(tx, c.ticketId);
      const why = f && !(f.invoiceRequestedAt && f.invoiceLine) ? notInvoiceable(f) : null;
      if (!f || why) skipped.push({ ticketUid: c.ticketUid, reason: why?.reason ?? 'was deleted' });
      else lines.push(await requestLine(tx, ctx, f));
    }
    const created = lines.filter((l) => l.created);
    return {
      clientId, from, to, lines, skipped,
      created: created.length,
      alreadyRequested: lines.length - created.length,
      totalCents: created.reduce((s, l) => s + l.line.totalCents, 0),
    };
  });
}

/** POST billing-invoice: by `uid` (one ticket) or by `clientId` + `from` + `to` (a batch for a period). */
export async function requestInvoice(ctx: ServiceContext, input: InvoiceBody) {
  if (input.uid) return { mode: 'single' as const, ...(await invoiceOne(ctx, input.uid)) };
  if (input.clientId && input.from && input.to) return { mode: 'batch' as const, ...(await invoiceBatch(ctx, input.clientId, input.from, input.to)) };
  throw new ValidationError('Give either uid, or clientId with from and to', {
    location: 'body',
    fields: [{ field: 'uid', message: 'uid, or clientId + from + to, is required', code: 'custom' }],
  });
}
