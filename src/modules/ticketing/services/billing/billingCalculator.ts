// Pure billing classification (the seed's flow): guarantee, else an active contract (sla), else billable from the fee schedule.
import { TZDate } from '@date-fns/tz';
import type { BillingType, TicketPriority, TicketType } from '../../types/enums';
import { estimateWork, localDate, type FeeRate, type PricedWork } from './feePricing';
import { formatDay, formatRand } from '../displayFormat';

export const DEFAULT_GUARANTEE_DAYS = 90;
export const DEFAULT_MATERIAL_GUARANTEE_DAYS = 365;

export interface TicketFacts {
  ticketType: TicketType;
  priority: TicketPriority;
  drNumber: string | null;
  projectId: string | null;
  clientId: string | null;
  /** Set at resolution: a material failure is covered by the longer material guarantee. */
  faultCause?: string | null;
}

export interface DropFacts {
  drNumber: string;
  installDate: string | null;
  projectId: string;
}

/** The project's guarantee row; null when the project has none (the defaults apply). */
export interface GuaranteeFacts {
  periodDays: number;
  materialDays: number;
  startsOnOverride: string | null;
}

export interface ContractFacts {
  id: string;
  contractNumber: string;
  clientId: string;
  projectId: string | null;
  startDate: string;
  endDate: string | null;
  active: boolean;
}

export interface FeeRowFacts extends FeeRate {
  id: string;
  serviceType: string;
  ticketType: TicketType;
  priority: TicketPriority | null;
  projectId: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  active: boolean;
}

export interface BillingInput {
  ticket: TicketFacts;
  drop: DropFacts | null;
  guarantee: GuaranteeFacts | null;
  contracts: readonly ContractFacts[];
  fees: readonly FeeRowFacts[];
  /** The moment the work was asked for (ticket creation); dates are compared in `timeZone`. */
  now: Date;
  timeZone: string;
  /** Whether `now` is outside business hours (the caller knows the holidays). */
  afterHours: boolean;
}

export interface BillingDecision {
  billingType: BillingType;
  reason: string;
  guaranteeExpiresAt: Date | null;
  contractId: string | null;
  feeScheduleId: string | null;
  estimate: PricedWork | null;
  requiresApproval: boolean;
}

/** 'YYYY-MM-DD' plus n days, on the calendar (no clock time, no DST). */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Midnight at the start of a calendar date in a timezone, as an instant. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

interface GuaranteeCheck {
  covered: boolean;
  expiresAt: Date | null;
  note: string;
}

/**
 * The guarantee covers `days` whole local days from its start (the install date, or the project's override):
 * installed 2026-01-01 with 90 days covers up to and including 2026-03-31 and ends at 2026-04-01 00:00 local.
 */
export function checkGuarantee(input: BillingInput): GuaranteeCheck {
  const { ticket, drop, guarantee, now, timeZone } = input;
  if (!drop) {
    const note = ticket.drNumber ? `Drop ${ticket.drNumber} is not in the drop register, so no guarantee applies` : 'No DR number, so no drop guarantee applies';
    return { covered: false, expiresAt: null, note };
  }
  const start = guarantee?.startsOnOverride ?? drop.installDate;
  if (!start) return { covered: false, expiresAt: null, note: `Drop ${drop.drNumber} has no install date, so no guarantee applies` };
  const material = ticket.faultCause === 'material_failure';
  const days = material ? (guarantee?.materialDays ?? DEFAULT_MATERIAL_GUARANTEE_DAYS) : (guarantee?.periodDays ?? DEFAULT_GUARANTEE_DAYS);
  const kind = material ? 'material' : 'installation';
  const endDate = addDays(start, days);
  const expiresAt = startOfLocalDay(endDate, timeZone);
  const from = guarantee?.startsOnOverride ? `the project's guarantee start ${formatDay(start)}` : `installation on ${formatDay(start)}`;
  const lastDay = addDays(endDate, -1);
  if (now.getTime() < expiresAt.getTime()) {
    return { covered: true, expiresAt, note: `Drop ${drop.drNumber}: ${days}-day ${kind} guarantee from ${from} runs to ${formatDay(lastDay)} inclusive` };
  }
  return { covered: false, expiresAt, note: `Drop ${drop.drNumber}: ${days}-day ${kind} guarantee from ${from} ended after ${formatDay(lastDay)}` };
}

/** Active contracts covering the project (or all the client's projects) on the local date; project-specific first. */
export function selectContract(contracts: readonly ContractFacts[], projectId: string | null, clientId: string | null, today: string): ContractFacts | null {
  const covering = contracts.filter(
    (c) =>
      c.active &&
      (c.projectId === null ? clientId !== null && c.clientId === clientId : c.projectId === projectId) &&
      c.startDate <= today &&
      (c.endDate === null || c.endDate >= today),
  );
  covering.sort(
    (a, b) =>
      Number(b.projectId !== null) - Number(a.projectId !== null) ||
      b.startDate.localeCompare(a.startDate) ||
      a.contractNumber.localeCompare(b.contractNumber),
  );
  return covering[0] ?? null;
}

/** How specific a fee row is: a project beats all projects, an exact priority beats any priority. */
export function feeSpecificity(row: Pick<FeeRowFacts, 'projectId' | 'priority'>): number {
  return (row.projectId !== null ? 2 : 0) + (row.priority !== null ? 1 : 0);
}

/** The most specific active fee row for the ticket's type, priority and project on the local date. */
export function selectFeeRow(fees: readonly FeeRowFacts[], ticket: Pick<TicketFacts, 'ticketType' | 'priority'>, projectId: string | null, today: string): FeeRowFacts | null {
  const matching = fees.filter(
    (f) =>
      f.active &&
      f.ticketType === ticket.ticketType &&
      (f.priority === null || f.priority === ticket.priority) &&
      (f.projectId === null || f.projectId === projectId) &&
      f.effectiveFrom <= today &&
      (f.effectiveTo === null || f.effectiveTo >= today),
  );
  // Overlaps are refused on write; if rows were loaded around that, the latest start then the id decide.
  matching.sort((a, b) => feeSpecificity(b) - feeSpecificity(a) || b.effectiveFrom.localeCompare(a.effectiveFrom) || a.id.localeCompare(b.id));
  return matching[0] ?? null;
}


export function classifyBilling(input: BillingInput): BillingDecision {
  const { ticket, drop, now, timeZone } = input;
  const today = localDate(now, timeZone);
  const g = checkGuarantee(input);
  if (g.covered) {
    return { billingType: 'guarantee', reason: g.note, guaranteeExpiresAt: g.expiresAt, contractId: null, feeScheduleId: null, estimate: null, requiresApproval: false };
  }
  const projectId = ticket.projectId ?? drop?.projectId ?? null;
  const contract = selectContract(input.contracts, projectId, ticket.clientId, today);
  if (contract) {
    const scope = contract.projectId ? 'the project' : "all the client's projects";
    return {
      billingType: 'sla',
      reason: `${g.note}; contract ${contract.contractNumber} covers ${scope} on ${formatDay(today)}`,
      guaranteeExpiresAt: g.expiresAt,
      contractId: contract.id,
      feeScheduleId: null,
      estimate: null,
      requiresApproval: false,
    };
  }
  const noContract = projectId || ticket.clientId ? `no active contract covers the ticket on ${formatDay(today)}` : 'no project or client, so no contract applies';
  const fee = selectFeeRow(input.fees, ticket, projectId, today);
  if (!fee) {
    return {
      billingType: 'billable',
      reason: `${g.note}; ${noContract}; billable, but no fee row matches ${ticket.ticketType}/${ticket.priority} on ${formatDay(today)}, so the cost is unknown`,
      guaranteeExpiresAt: g.expiresAt,
      contractId: null,
      feeScheduleId: null,
      estimate: null,
      requiresApproval: true,
    };
  }
  const estimate = estimateWork(fee, input.afterHours);
  const hours = input.afterHours ? ', after hours' : '';
  return {
    billingType: 'billable',
    reason: `${g.note}; ${noContract}; billable at fee row "${fee.serviceType}" (estimate ${formatRand(estimate.totalCents)} excl. VAT${hours})`,
    guaranteeExpiresAt: g.expiresAt,
    contractId: null,
    feeScheduleId: fee.id,
    estimate,
    requiresApproval: true,
  };
}
