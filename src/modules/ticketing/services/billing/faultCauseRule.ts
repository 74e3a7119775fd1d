// Pure rule: what a fault's cause, recorded at resolution, means for a ticket billed under the drop's guarantee.
import type { BillingType } from '../../types/enums';
import { estimateWork, priceWork, type FeeRate, type PricedWork } from './feePricing';
import { centsToDecimal } from './money';

/** Causes that are not the contractor's liability: inside the guarantee they are billed to the client. */
export const NOT_CONTRACTOR_LIABLE = ['client_damage', 'third_party', 'vandalism'] as const;

export const FAULT_CAUSE_WORDS: Record<string, string> = {
  workmanship: 'workmanship', material_failure: 'material failure', client_damage: 'client damage', third_party: 'third-party damage',
  environmental: 'environmental', vandalism: 'vandalism', unknown: 'unknown',
};

export interface ActualWork {
  hours: number;
  partsCents: number;
  trips: number;
}

export interface CauseFacts {
  cause: string | null;
  detail: string | null;
  billingType: BillingType | null;
  /** The fee row pricing this ticket's type and priority, if any. */
  fee: (FeeRate & { id: string; serviceType: string }) | null;
  /** What the technician recorded at resolution; without it the fee row's default hours are assumed. */
  work: ActualWork | null;
  afterHours: boolean;
}

export type CauseDecision =
  | { action: 'keep'; reason: string }
  | { action: 'bill'; reason: string; priced: PricedWork | null; feeScheduleId: string | null; fromActualWork: boolean };

export function decideFaultCauseBilling(f: CauseFacts): CauseDecision {
  const words = f.cause ? (FAULT_CAUSE_WORDS[f.cause] ?? f.cause) : null;
  if (f.billingType !== 'guarantee' || !f.cause) return { action: 'keep', reason: 'Not billed under the guarantee, or no cause recorded' };
  if (!(NOT_CONTRACTOR_LIABLE as readonly string[]).includes(f.cause)) {
    return { action: 'keep', reason: `Fault cause ${words}: the contractor's liability, so the guarantee covers it` };
  }
  const detail = f.detail ? ` (${f.detail})` : '';
  const base = `Fault cause ${words}${detail} is not the contractor's liability, so the guarantee does not cover it: billable`;
  if (!f.fee) {
    return { action: 'bill', reason: `${base}; no fee row prices this work, so the cost is unknown`, priced: null, feeScheduleId: null, fromActualWork: false };
  }
  const priced = f.work ? priceWork(f.fee, { ...f.work, afterHours: f.afterHours }) : estimateWork(f.fee, f.afterHours);
  const how = f.work ? `priced from the actual work (${priced.hours} h, ${f.work.trips} trip(s))` : `estimated at the fee row's ${priced.hours} h (no actual work recorded)`;
  return {
    action: 'bill',
    reason: `${base}, ${how} at fee row "${f.fee.serviceType}": R${centsToDecimal(priced.totalCents)} excl. VAT`,
    priced,
    feeScheduleId: f.fee.id,
    fromActualWork: Boolean(f.work),
  };
}
