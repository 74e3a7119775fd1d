// SQL for invoicing billable work: what a line is made from, the batch candidates, and the request/sent marks.
import type { Queryable } from '@/src/lib/db';
import { decimalToCentsOrNull } from '../services/billing/money';
import type { InvoiceLinePayload } from '../types/billing';
import type { ApprovalStatus, BillingType, TicketStatus } from '../types/enums';

export interface InvoiceFacts {
  ticketId: string;
  ticketUid: string;
  title: string;
  ticketType: string;
  priority: string;
  status: TicketStatus;
  drNumber: string | null;
  clientId: string | null;
  clientName: string | null;
  /** When the work was resolved (closed, for a ticket closed without a resolution time; else its last update). */
  resolvedAt: Date;
  billingType: BillingType | null;
  approvalStatus: ApprovalStatus | null;
  actualHours: number | null;
  actualTotalCents: number | null;
  estimatedTotalCents: number | null;
  serviceType: string | null;
  invoiceRequestedAt: Date | null;
  invoiceLine: InvoiceLinePayload | null;
}

const SELECT = `SELECT t.id, t.ticket_uid, t.title, t.ticket_type, t.priority, t.status, t.dr_number, t.client_id, c.name AS client_name,
       COALESCE(t.resolved_at, t.closed_at, t.updated_at) AS resolved_at, b.billing_type, b.approval_status, b.actual_hours, b.actual_total,
       b.estimated_total, f.service_type, b.invoice_requested_at, b.invoice_line
  FROM tickets t LEFT JOIN ticket_billing b ON b.ticket_id = t.id LEFT JOIN clients c ON c.id = t.client_id
  LEFT JOIN billable_fee_schedule f ON f.id = b.fee_schedule_id`;

interface FactsRow {
  id: string; ticket_uid: string; title: string; ticket_type: string; priority: string; status: TicketStatus; dr_number: string | null;
  client_id: string | null; client_name: string | null; resolved_at: Date; billing_type: BillingType | null;
  approval_status: ApprovalStatus | null; actual_hours: string | null; actual_total: string | null; estimated_total: string | null;
  service_type: string | null; invoice_requested_at: Date | null; invoice_line: InvoiceLinePayload | null;
}

function mapFacts(r: FactsRow): InvoiceFacts {
  return {
    ticketId: r.id, ticketUid: r.ticket_uid, title: r.title, ticketType: r.ticket_type, priority: r.priority, status: r.status,
    drNumber: r.dr_number, clientId: r.client_id, clientName: r.client_name, resolvedAt: new Date(r.resolved_at),
    billingType: r.billing_type, approvalStatus: r.approval_status, actualHours: r.actual_hours === null ? null : Number(r.actual_hours),
    actualTotalCents: decimalToCentsOrNull(r.actual_total), estimatedTotalCents: decimalToCentsOrNull(r.estimated_total),
    serviceType: r.service_type, invoiceRequestedAt: r.invoice_requested_at ? new Date(r.invoice_requested_at) : null,
    invoiceLine: r.invoice_line,
  };
}

/** What a line for a ticket is made from; the caller holds the ticket's row lock. */
export async function loadInvoiceFacts(tx: Queryable, ticketId: string): Promise<InvoiceFacts> {
  const { rows } = await tx.query<FactsRow>(`${SELECT} WHERE t.id = $1`, [ticketId]);
  return mapFacts(rows[0]);
}

/**
 * Approved billable tickets of a client resolved in [from, to), invoiced or not (so a repeat can say what was done),
 * locked for the rest of the transaction so two batches cannot both write a line for one ticket.
 */
export async function lockInvoiceCandidates(tx: Queryable, clientId: string, from: Date, to: Date): Promise<InvoiceFacts[]> {
  const { rows } = await tx.query<FactsRow>(
    `${SELECT}
      WHERE t.client_id = $1 AND t.deleted_at IS NULL AND t.status IN ('resolved', 'closed') AND b.billing_type = 'billable'
        AND b.approval_status = 'approved' AND COALESCE(t.resolved_at, t.closed_at) >= $2 AND COALESCE(t.resolved_at, t.closed_at) < $3
      ORDER BY COALESCE(t.resolved_at, t.closed_at), t.ticket_uid
      FOR NO KEY UPDATE OF t`,
    [clientId, from, to],
  );
  return rows.map(mapFacts);
}

/** Stores the line once; false when a line was already requested for the ticket. */
export async function markInvoiceRequested(tx: Queryable, ticketId: string, line: InvoiceLinePayload, by: string | null, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE ticket_billing SET invoice_line = $2, invoice_requested_by = $3, invoice_requested_at = $4, updated_at = $4
      WHERE ticket_id = $1 AND invoice_requested_at IS NULL`,
    [ticketId, JSON.stringify(line), by, at],
  );
  return rowCount === 1;
}

/** Records the invoicing system's id for the line (the outbox handler, after delivery). */
export async function markInvoiced(q: Queryable, ticketUid: string, invoiceId: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE ticket_billing b SET invoice_id = $2, invoiced_at = $3, updated_at = $3
       FROM tickets t WHERE t.id = b.ticket_id AND t.ticket_uid = $1 AND b.invoice_id IS NULL`,
    [ticketUid, invoiceId, at],
  );
}
