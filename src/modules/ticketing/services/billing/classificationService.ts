// Loads the facts behind a billing decision (drop, guarantee, contracts, fee rows) and runs the pure calculator.
import type { Queryable } from '@/src/lib/db';
import { UnprocessableError } from '@/src/lib/api/errors';
import { findDropFacts, type DropFactsRow } from '../../db/billingRepo';
import { clientExists, listContractFacts, projectClient } from '../../db/contractRepo';
import { listFeeFacts } from '../../db/feeScheduleRepo';
import { findGuaranteeFacts } from '../../db/guaranteeRepo';
import type { BillingCalculateQuery } from '../../types/billing';
import type { TicketPriority, TicketType } from '../../types/enums';
import type { ServiceContext } from '../context';
import { classifyBilling, type BillingDecision } from './billingCalculator';
import { invoiceAmounts } from './feePricing';
import { isWorkingTime } from '../sla/businessCalendar';
import { loadBusinessCalendar } from '../sla/calendarService';

export interface ClassifyRequest {
  ticketType: TicketType;
  priority: TicketPriority;
  drNumber: string | null;
  dropId: string | null;
  projectId: string | null;
  clientId: string | null;
  faultCause?: string | null;
  /** When the work was asked for: the ticket's creation time. */
  at: Date;
}

export interface Classification {
  decision: BillingDecision;
  afterHours: boolean;
  drop: DropFactsRow | null;
  projectId: string | null;
  clientId: string | null;
}

/** After hours = outside the business calendar's working time (its hours, public holidays and closed days). */
export async function afterHoursAt(q: Queryable, at: Date): Promise<boolean> {
  return !isWorkingTime(await loadBusinessCalendar(q), at);
}

export async function classify(q: Queryable, timeZone: string, r: ClassifyRequest): Promise<Classification> {
  const drop = await findDropFacts(q, { dropId: r.dropId, drNumber: r.drNumber });
  const projectId = r.projectId ?? drop?.projectId ?? null;
  const clientId = r.clientId ?? (projectId ? await projectClient(q, projectId) : null);
  const afterHours = await afterHoursAt(q, r.at);
  const decision = classifyBilling({
    ticket: { ticketType: r.ticketType, priority: r.priority, drNumber: drop?.drNumber ?? r.drNumber, projectId, clientId, faultCause: r.faultCause },
    drop: drop ? { drNumber: drop.drNumber, installDate: drop.installDate, projectId: drop.projectId } : null,
    guarantee: projectId ? await findGuaranteeFacts(q, projectId) : null,
    contracts: projectId || clientId ? await listContractFacts(q, clientId, projectId) : [],
    fees: await listFeeFacts(q, r.ticketType),
    now: r.at,
    timeZone,
    afterHours,
  });
  return { decision, afterHours, drop, projectId, clientId };
}

/** The create form's dry run: how a ticket with these facts would be billed, with the VAT-inclusive estimate. */
export async function calculateBilling(ctx: ServiceContext, query: BillingCalculateQuery) {
  if (query.projectId && !(await projectClient(ctx.db, query.projectId))) throw new UnprocessableError('Unknown project', { field: 'projectId' });
  if (query.clientId && !(await clientExists(ctx.db, query.clientId))) throw new UnprocessableError('Unknown client', { field: 'clientId' });
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const c = await classify(ctx.db, ctx.config.BUSINESS_TIMEZONE, {
    ticketType: query.ticketType, priority: query.priority, drNumber: query.dr ?? null, dropId: null, projectId: query.projectId ?? null,
    clientId: query.clientId ?? null, faultCause: query.faultCause ?? null, at,
  });
  const d = c.decision;
  return {
    billingType: d.billingType,
    reason: d.reason,
    requiresApproval: d.requiresApproval,
    guaranteeExpiresAt: d.guaranteeExpiresAt?.toISOString() ?? null,
    contractId: d.contractId,
    feeScheduleId: d.feeScheduleId,
    afterHours: c.afterHours,
    estimate: d.estimate,
    /** What the invoice line would be for the estimate: subtotal, 15 % VAT, total. */
    invoicePreview: d.estimate ? invoiceAmounts(d.estimate.totalCents) : null,
    drop: c.drop ? { drNumber: c.drop.drNumber, installDate: c.drop.installDate, projectId: c.drop.projectId } : null,
    projectId: c.projectId,
    clientId: c.clientId,
    at: at.toISOString(),
  };
}
