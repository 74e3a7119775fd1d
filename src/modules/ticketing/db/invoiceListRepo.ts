// SQL for invoices as finance sees them: the invoice rows, their lines, and each line's delivery state (outbox).
import type { Queryable } from '@/src/lib/db';
import { centsToDecimal, decimalToCents } from '../services/billing/money';
import type { InvoiceLinePayload } from '../types/billing';

export type InvoiceState = 'queued' | 'sent' | 'failed';

export interface InvoiceSummary {
  id: string;
  invoiceNumber: string;
  clientId: string | null;
  clientName: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  lineCount: number;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  state: InvoiceState;
  createdAt: string;
  createdByName: string | null;
}

export interface InvoiceLineView {
  ticketId: string;
  ticketUid: string;
  line: InvoiceLinePayload;
  state: InvoiceState;
  /** The invoicing system's id once delivered. */
  externalId: string | null;
  lastError: string | null;
}

// Failed when any line is dead-lettered, sent when every line has the invoicing system's id, else queued.
const STATE = `CASE WHEN EXISTS (SELECT 1 FROM ticket_billing b JOIN outbox o ON o.ticket_id = b.ticket_id AND o.kind = 'invoice.line'
                                  WHERE b.invoice_ref = i.id AND o.status = 'dead') THEN 'failed'
                    WHEN NOT EXISTS (SELECT 1 FROM ticket_billing b WHERE b.invoice_ref = i.id AND b.invoice_id IS NULL) THEN 'sent'
                    ELSE 'queued' END`;

const SELECT = `SELECT i.id, i.invoice_number, i.client_id, i.client_name, i.period_from::text AS period_from, i.period_to::text AS period_to,
       i.line_count, i.subtotal, i.vat, i.total, i.created_at, u.name AS created_by_name, ${STATE} AS state
  FROM invoices i LEFT JOIN users u ON u.id = i.created_by`;

type Row = Record<string, unknown>;

function mapInvoice(r: Row): InvoiceSummary {
  return {
    id: String(r.id), invoiceNumber: String(r.invoice_number), clientId: (r.client_id as string | null) ?? null, clientName: (r.client_name as string | null) ?? null,
    periodFrom: (r.period_from as string | null) ?? null, periodTo: (r.period_to as string | null) ?? null, lineCount: Number(r.line_count),
    subtotalCents: decimalToCents(String(r.subtotal)), vatCents: decimalToCents(String(r.vat)), totalCents: decimalToCents(String(r.total)),
    state: r.state as InvoiceState, createdAt: new Date(r.created_at as string).toISOString(), createdByName: (r.created_by_name as string | null) ?? null,
  };
}

export interface NewInvoice {
  invoiceNumber: string;
  clientId: string | null;
  clientName: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  ticketIds: string[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  createdBy: string | null;
  at: Date;
}

/** Writes the invoice and points its lines at it (same transaction as the lines). */
export async function insertInvoice(tx: Queryable, v: NewInvoice): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO invoices (invoice_number, client_id, client_name, period_from, period_to, line_count, subtotal, vat, total, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [v.invoiceNumber, v.clientId, v.clientName, v.periodFrom, v.periodTo, v.ticketIds.length, centsToDecimal(v.subtotalCents), centsToDecimal(v.vatCents), centsToDecimal(v.totalCents), v.createdBy, v.at],
  );
  await tx.query('UPDATE ticket_billing SET invoice_ref = $1 WHERE ticket_id = ANY($2::uuid[])', [rows[0].id, v.ticketIds]);
  return rows[0].id;
}

/** Newest first, optionally one client's. */
export async function listInvoices(q: Queryable, o: { clientId?: string; limit: number }): Promise<InvoiceSummary[]> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE ($1::uuid IS NULL OR i.client_id = $1::uuid) ORDER BY i.created_at DESC, i.invoice_number DESC LIMIT $2`, [o.clientId ?? null, o.limit]);
  return rows.map(mapInvoice);
}

/** One invoice by id or number, or null. */
export async function findInvoice(q: Queryable, idOrNumber: string): Promise<InvoiceSummary | null> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE i.invoice_number = upper($1) OR i.id::text = lower($1)`, [idOrNumber]);
  return rows[0] ? mapInvoice(rows[0]) : null;
}

export async function listInvoiceLines(q: Queryable, invoiceId: string): Promise<InvoiceLineView[]> {
  const { rows } = await q.query<Row>(
    `SELECT b.ticket_id, t.ticket_uid, b.invoice_line, b.invoice_id, o.status AS outbox_status, o.last_error
       FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id
       LEFT JOIN outbox o ON o.ticket_id = b.ticket_id AND o.kind = 'invoice.line'
      WHERE b.invoice_ref = $1 ORDER BY t.ticket_uid`,
    [invoiceId],
  );
  return rows.map((r) => ({
    ticketId: String(r.ticket_id), ticketUid: String(r.ticket_uid), line: r.invoice_line as InvoiceLinePayload,
    state: r.invoice_id ? 'sent' : r.outbox_status === 'dead' ? 'failed' : 'queued',
    externalId: (r.invoice_id as string | null) ?? null, lastError: r.invoice_id ? null : ((r.last_error as string | null) ?? null),
  }));
}
