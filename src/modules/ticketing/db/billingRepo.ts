// SQL for a ticket's billing: classification rows, the drop facts behind them, decisions, actuals and invoice marks.
import type { Queryable } from '@/src/lib/db';
import type { PricedWork } from '../services/billing/feePricing';
import { centsToDecimal, decimalToCents } from '../services/billing/money';
import type { Cost, TicketBilling } from '../types/billing';
import type { ApprovalStatus, BillingType, TicketStatus } from '../types/enums';
import { registerRelations } from './registerSource';

export interface DropFactsRow {
  dropId: string;
  drNumber: string;
  installDate: string | null;
  projectId: string;
  clientId: string;
}

/** The drop behind a ticket, by its id or else its DR number, with the project's client. */
export async function findDropFacts(q: Queryable, ref: { dropId: string | null; drNumber: string | null }): Promise<DropFactsRow | null> {
  if (!ref.dropId && !ref.drNumber) return null;
  const rel = registerRelations();
  const { rows } = await q.query<{ id: string; dr_number: string; install_date: string | null; project_id: string; client_id: string }>(
    `SELECT d.id, d.dr_number, d.install_date, d.project_id, p.client_id
       FROM ${rel.drops} d JOIN ${rel.projects} p ON p.id = d.project_id
      WHERE ($1::uuid IS NOT NULL AND d.id = $1) OR ($1::uuid IS NULL AND d.dr_number = $2)`,
    [ref.dropId, ref.drNumber],
  );
  const r = rows[0];
  return r ? { dropId: r.id, drNumber: r.dr_number, installDate: r.install_date, projectId: r.project_id, clientId: r.client_id } : null;
}

interface BillingDbRow {
  ticket_id: string;
  ticket_uid: string;
  billing_type: BillingType;
  reason: string;
  guarantee_expires_at: Date | null;
  contract_id: string | null;
  fee_schedule_id: string | null;
  requires_approval: boolean;
  after_hours: boolean;
  estimated_hours: string | null;
  estimated_labour: string | null;
  estimated_parts: string | null;
  estimated_travel: string | null;
  estimated_total: string | null;
  actual_hours: string | null;
  actual_labour: string | null;
  actual_parts: string | null;
  actual_travel: string | null;
  actual_total: string | null;
  approval_status: ApprovalStatus | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  invoice_requested_at: Date | null;
  invoice_id: string | null;
  invoiced_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const BILLING_SELECT = `SELECT b.ticket_id, t.ticket_uid, b.billing_type, b.reason, b.guarantee_expires_at, b.contract_id, b.fee_schedule_id,
       b.requires_approval, b.after_hours, b.estimated_hours, b.estimated_labour, b.estimated_parts, b.estimated_travel,
       b.estimated_total, b.actual_hours, b.actual_labour, b.actual_parts, b.actual_travel, b.actual_total, b.approval_status,
       b.decided_by, b.decided_at, b.decision_reason, b.invoice_requested_at, b.invoice_id, b.invoiced_at, b.created_at, b.updated_at
  FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The parts of a cost are written together with its total, so a total means every part is there. */
function cost(hours: string | null, labour: string | null, parts: string | null, travel: string | null, total: string | null): Cost | null {
  if (total === null) return null;
  return {
    hours: Number(hours),
    labourCents: decimalToCents(labour as string),
    partsCents: decimalToCents(parts as string),
    travelCents: decimalToCents(travel as string),
    totalCents: decimalToCents(total),
  };
}

function mapBilling(r: BillingDbRow): TicketBilling {
  return {
    ticketId: r.ticket_id, ticketUid: r.ticket_uid, billingType: r.billing_type, reason: r.reason,
    guaranteeExpiresAt: iso(r.guarantee_expires_at), contractId: r.contract_id, feeScheduleId: r.fee_schedule_id,
    requiresApproval: r.requires_approval, afterHours: r.after_hours,
    estimated: cost(r.estimated_hours, r.estimated_labour, r.estimated_parts, r.estimated_travel, r.estimated_total),
    actual: cost(r.actual_hours, r.actual_labour, r.actual_parts, r.actual_travel, r.actual_total),
    approvalStatus: r.approval_status, decidedBy: r.decided_by, decidedAt: iso(r.decided_at), decisionReason: r.decision_reason,
    invoiceRequestedAt: iso(r.invoice_requested_at), invoiceId: r.invoice_id, invoicedAt: iso(r.invoiced_at),
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function findTicketBilling(q: Queryable, ticketId: string, lock = false): Promise<TicketBilling | null> {
  const { rows } = await q.query<BillingDbRow>(`${BILLING_SELECT} WHERE b.ticket_id = $1${lock ? ' FOR UPDATE OF b' : ''}`, [ticketId]);
  return rows[0] ? mapBilling(rows[0]) : null;
}

export interface ClassificationWrite {
  billingType: BillingType;
  reason: string;
  guaranteeExpiresAt: Date | null;
  contractId: string | null;
  feeScheduleId: string | null;
  requiresApproval: boolean;
  afterHours: boolean;
  estimate: PricedWork | null;
  approvalStatus: ApprovalStatus | null;
}

const labourWithSurcharge = (w: PricedWork) => w.baseCents + w.labourCents + w.afterHoursSurchargeCents;

/** Writes (or rewrites) the classification; decision fields are cleared when approvalStatus becomes null or pending. */
export async function upsertTicketBilling(tx: Queryable, ticketId: string, c: ClassificationWrite, now: Date): Promise<void> {
  const e = c.estimate;
  await tx.query(
    `INSERT INTO ticket_billing (ticket_id, billing_type, reason, guarantee_expires_at, contract_id, fee_schedule_id, requires_approval,
       after_hours, estimated_hours, estimated_labour, estimated_parts, estimated_travel, estimated_total, approval_status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
     ON CONFLICT (ticket_id) DO UPDATE SET billing_type = EXCLUDED.billing_type, reason = EXCLUDED.reason,
       guarantee_expires_at = EXCLUDED.guarantee_expires_at, contract_id = EXCLUDED.contract_id, fee_schedule_id = EXCLUDED.fee_schedule_id,
       requires_approval = EXCLUDED.requires_approval, after_hours = EXCLUDED.after_hours, estimated_hours = EXCLUDED.estimated_hours,
       estimated_labour = EXCLUDED.estimated_labour, estimated_parts = EXCLUDED.estimated_parts, estimated_travel = EXCLUDED.estimated_travel,
       estimated_total = EXCLUDED.estimated_total, approval_status = EXCLUDED.approval_status,
       decided_by = CASE WHEN EXCLUDED.approval_status IS DISTINCT FROM ticket_billing.approval_status THEN NULL ELSE ticket_billing.decided_by END,
       decided_at = CASE WHEN EXCLUDED.approval_status IS DISTINCT FROM ticket_billing.approval_status THEN NULL ELSE ticket_billing.decided_at END,
       decision_reason = CASE WHEN EXCLUDED.approval_status IS DISTINCT FROM ticket_billing.approval_status THEN NULL ELSE ticket_billing.decision_reason END,
       updated_at = EXCLUDED.updated_at`,
    [
      ticketId, c.billingType, c.reason, c.guaranteeExpiresAt, c.contractId, c.feeScheduleId, c.requiresApproval, c.afterHours,
      e ? e.hours : null, e ? centsToDecimal(labourWithSurcharge(e)) : null, e ? centsToDecimal(e.partsCents) : null,
      e ? centsToDecimal(e.travelCents) : null, e ? centsToDecimal(e.totalCents) : null, c.approvalStatus, now,
    ],
  );
}

/** The billing columns billing owns on the ticket row (no version bump: the ticket service re-reads after hooks). */
export async function setTicketBillingColumns(
  tx: Queryable,
  ticketId: string,
  v: { billingType: BillingType; requiresApproval: boolean; status?: TicketStatus },
): Promise<void> {
  await tx.query(
    'UPDATE tickets SET billing_type = $2, requires_billing_approval = $3, status = COALESCE($4, status) WHERE id = $1',
    [ticketId, v.billingType, v.requiresApproval, v.status ?? null],
  );
}

/** Billing waits (a DR not in the drop register): no billing row, no classification, no approval on the ticket. */
export async function clearTicketBilling(tx: Queryable, ticketId: string, status?: TicketStatus): Promise<void> {
  await tx.query('DELETE FROM ticket_billing WHERE ticket_id = $1', [ticketId]);
  await tx.query(
    'UPDATE tickets SET billing_type = NULL, requires_billing_approval = false, status = COALESCE($2, status) WHERE id = $1',
    [ticketId, status ?? null],
  );
}

export async function recordDecision(
  tx: Queryable,
  ticketId: string,
  d: { status: 'approved' | 'rejected'; by: string | null; at: Date; reason: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE ticket_billing SET approval_status = $2, decided_by = $3, decided_at = $4, decision_reason = $5, requires_approval = false,
       updated_at = $4 WHERE ticket_id = $1`,
    [ticketId, d.status, d.by, d.at, d.reason],
  );
}

export async function recordActuals(
  tx: Queryable,
  ticketId: string,
  a: { work: PricedWork; feeScheduleId: string; by: string | null; at: Date },
): Promise<void> {
  const w = a.work;
  await tx.query(
    `UPDATE ticket_billing SET actual_hours = $2, actual_labour = $3, actual_parts = $4, actual_travel = $5, actual_total = $6,
       fee_schedule_id = $7, actuals_recorded_by = $8, actuals_recorded_at = $9, updated_at = $9 WHERE ticket_id = $1`,
    [ticketId, w.hours, centsToDecimal(labourWithSurcharge(w)), centsToDecimal(w.partsCents), centsToDecimal(w.travelCents),
      centsToDecimal(w.totalCents), a.feeScheduleId, a.by, a.at],
  );
}

export interface PendingApproval {
  ticketId: string;
  ticketUid: string;
  title: string;
  ticketType: string;
  priority: string;
  status: TicketStatus;
  drNumber: string | null;
  projectName: string | null;
  clientName: string | null;
  createdAt: string;
  reason: string;
  feeScheduleId: string | null;
  estimatedTotalCents: number | null;
}

/** Work waiting for a manager's decision (shared with the dashboard figures). */
export const PENDING_WHERE = `b.approval_status = 'pending' AND t.deleted_at IS NULL AND t.status NOT IN ('cancelled', 'closed')`;

/** The approval queue, oldest ticket first. */
export async function listPendingApprovals(q: Queryable, page: { limit: number; offset: number }): Promise<PendingApproval[]> {
  const { rows } = await q.query<{
    ticket_id: string; ticket_uid: string; title: string; ticket_type: string; priority: string; status: TicketStatus;
    dr_number: string | null; project_name: string | null; client_name: string | null; created_at: Date; reason: string;
    fee_schedule_id: string | null; estimated_total: string | null;
  }>(
    `SELECT t.id AS ticket_id, t.ticket_uid, t.title, t.ticket_type, t.priority, t.status, t.dr_number, p.name AS project_name,
            c.name AS client_name, t.created_at, b.reason, b.fee_schedule_id, b.estimated_total
       FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id
       LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN clients c ON c.id = t.client_id
      WHERE ${PENDING_WHERE}
      ORDER BY t.created_at, t.id LIMIT $1 OFFSET $2`,
    [page.limit, page.offset],
  );
  return rows.map((r) => ({
    ticketId: r.ticket_id, ticketUid: r.ticket_uid, title: r.title, ticketType: r.ticket_type, priority: r.priority, status: r.status,
    drNumber: r.dr_number, projectName: r.project_name, clientName: r.client_name, createdAt: new Date(r.created_at).toISOString(),
    reason: r.reason, feeScheduleId: r.fee_schedule_id, estimatedTotalCents: r.estimated_total === null ? null : decimalToCents(r.estimated_total),
  }));
}

/** Count and value of the whole queue (tickets without a fee row counted apart: their cost is unknown). */
export async function pendingApprovalTotals(q: Queryable): Promise<{ count: number; totalCents: number; unknownCostCount: number }> {
  const { rows } = await q.query<{ n: number; total: string | null; unknown: number }>(
    `SELECT count(*)::int AS n, sum(b.estimated_total) AS total, count(*) FILTER (WHERE b.estimated_total IS NULL)::int AS unknown
       FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id WHERE ${PENDING_WHERE}`,
  );
  const r = rows[0];
  return { count: Number(r.n), totalCents: r.total === null ? 0 : decimalToCents(r.total), unknownCostCount: Number(r.unknown) };
}

/** Who asked for the work: the user who created the ticket, else the reporter's email. */
export async function findRequester(q: Queryable, ticketId: string): Promise<{ email: string | null; name: string | null }> {
  const { rows } = await q.query<{ user_email: string | null; user_name: string | null; reporter_email: string | null; reporter_name: string | null }>(
    `SELECT u.email AS user_email, u.name AS user_name, t.reporter_email, t.reporter_name
       FROM tickets t LEFT JOIN users u ON u.id = t.created_by WHERE t.id = $1`,
    [ticketId],
  );
  const r = rows[0];
  return r.user_email ? { email: r.user_email, name: r.user_name } : { email: r.reporter_email, name: r.reporter_name };
}

/** A manager's decision on the ticket row: the status move (guarded by the expected status), approval flag off, version bump. */
export async function updateTicketForDecision(tx: Queryable, ticketId: string, d: { from: TicketStatus; to: TicketStatus | null; now: Date }): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE tickets SET status = COALESCE($3, status), requires_billing_approval = false, updated_at = $4, version = version + 1
      WHERE id = $1 AND status = $2 AND deleted_at IS NULL`,
    [ticketId, d.from, d.to, d.now],
  );
  return rowCount === 1;
}
