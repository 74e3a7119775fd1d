// Invoice lines for approved, resolved billable work: one line per ticket, sent once through the outbox (key = ticket UID).
import type { Queryable } from '@/src/lib/db';
import { ConflictError, UnprocessableError, ValidationError } from '@/src/lib/api/errors';
import { appendHistory } from '../../db/historyRepo';
import { loadInvoiceFacts, lockInvoiceCandidates, markInvoiceRequested, type InvoiceFacts } from '../../db/invoiceRepo';
import { enqueueOutbox } from '../../db/outboxRepo';
import { insertInvoice } from '../../db/invoiceListRepo';
import { nextCounterValue } from '../../db/ticketRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import type { InvoiceBody, InvoiceLinePayload } from '../../types/billing';
import type { ServiceContext } from '../context';
import { lockVisibleTicket } from '../ticketAccess';
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
  const basis = f.actualTotalCents !== null ? `${f.actualHours} h actual` : 'estimate';
  // An invoiceable ticket has a cost, so it was priced from a fee row and has its service type.
  const description = `${f.serviceType}: ${f.title} (${f.ticketUid}${f.drNumber ? `, ${f.drNumber}` : ''}; ${basis})`.slice(0, 500);
  return {
    ticketUid: f.ticketUid, drNumber: f.drNumber, clientId: f.clientId, clientName: f.clientName, description,
    ...invoiceAmounts(subtotal), resolvedOn: localDate(f.resolvedAt, timeZone),
  };
}

/** Writes the line and its outbox item for one locked, invoiceable ticket; a second request returns the first line. */
async function requestLine(tx: Queryable, ctx: ServiceContext, f: InvoiceFacts): Promise<InvoiceLineOutcome> {
  if (f.invoiceRequestedAt) return { ticketUid: f.ticketUid, created: false, line: f.invoiceLine as InvoiceLinePayload };
  const now = ctx.clock.now();
  const line = buildInvoiceLine(f, ctx.config.BUSINESS_TIMEZONE);
  await markInvoiceRequested(tx, f.ticketId, line, ctx.user.id, now);
  const queued = await enqueueOutbox(tx, { kind: OUTBOX_KINDS.invoiceLine, payload: line, idempotencyKey: `invoice:${f.ticketUid}`, ticketId: f.ticketId, runAt: now });
  await appendHistory(tx, {
    ticketId: f.ticketId, actor: ctx.user, action: 'invoice_requested', field: 'invoice', newValue: line.totalCents,
    details: { subtotalCents: line.subtotalCents, vatCents: line.vatCents, totalCents: line.totalCents, outboxId: queued.id }, at: now,
  });
  return { ticketUid: f.ticketUid, created: true, line };
}

/** Numbers the lines requested together as one invoice (INV-000001), so finance sees it with its client and totals. */
async function recordInvoice(
  tx: Queryable,
  ctx: ServiceContext,
  lines: { ticketId: string; line: InvoiceLinePayload }[],
  o: { clientId: string | null; clientName: string | null; from: string | null; to: string | null },
): Promise<{ id: string; invoiceNumber: string } | null> {
  if (lines.length === 0) return null;
  const invoiceNumber = `INV-${String(await nextCounterValue(tx, 'INV')).padStart(6, '0')}`;
  const sum = (k: 'subtotalCents' | 'vatCents' | 'totalCents') => lines.reduce((a, l) => a + l.line[k], 0);
  const id = await insertInvoice(tx, {
    invoiceNumber, clientId: o.clientId, clientName: o.clientName, periodFrom: o.from, periodTo: o.to, ticketIds: lines.map((l) => l.ticketId),
    subtotalCents: sum('subtotalCents'), vatCents: sum('vatCents'), totalCents: sum('totalCents'), createdBy: ctx.user.id, at: ctx.clock.now(),
  });
  return { id, invoiceNumber };
}

async function invoiceOne(ctx: ServiceContext, uid: string) {
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, uid);
    const f = await loadInvoiceFacts(tx, t.id);
    if (!f.invoiceRequestedAt) {
      const why = notInvoiceable(f);
      if (why) throw why.missingCost ? new UnprocessableError(`Ticket ${f.ticketUid} ${why.reason}`) : new ConflictError(`Ticket ${f.ticketUid} ${why.reason}`);
    }
    const outcome = await requestLine(tx, ctx, f);
    const invoice = outcome.created ? await recordInvoice(tx, ctx, [{ ticketId: f.ticketId, line: outcome.line }], { clientId: f.clientId, clientName: f.clientName, from: null, to: null }) : null;
    return { ...outcome, invoice };
  });
}

async function invoiceBatch(ctx: ServiceContext, clientId: string, from: string, to: string) {
  const tz = ctx.config.BUSINESS_TIMEZONE;
  return ctx.db.transaction(async (tx) => {
    const candidates = await lockInvoiceCandidates(tx, clientId, startOfLocalDay(from, tz), startOfLocalDay(addDays(to, 1), tz));
    const lines: InvoiceLineOutcome[] = [];
    const fresh: { ticketId: string; line: InvoiceLinePayload }[] = [];
    const skipped: { ticketUid: string; reason: string }[] = [];
    for (const f of candidates) {
      const why = f.invoiceRequestedAt ? null : notInvoiceable(f);
      if (why) skipped.push({ ticketUid: f.ticketUid, reason: why.reason });
      else {
        const outcome = await requestLine(tx, ctx, f);
        lines.push(outcome);
        if (outcome.created) fresh.push({ ticketId: f.ticketId, line: outcome.line });
      }
    }
    const created = lines.filter((l) => l.created);
    const clientName = candidates.find((c) => c.clientName)?.clientName ?? null;
    const invoice = await recordInvoice(tx, ctx, fresh, { clientId, clientName, from, to });
    return {
      clientId, from, to, lines, skipped, invoice,
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
