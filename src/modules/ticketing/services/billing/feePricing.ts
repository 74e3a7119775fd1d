// Pure fee pricing: base + hourly x hours + travel, the after-hours multiplier, and 15 % VAT on the invoice line.
import { TZDate } from '@date-fns/tz';
import { roundDiv, toHundredths } from './money';

export const VAT_RATE_PERCENT = 15;
export const CURRENCY = 'ZAR';

export interface FeeRate {
  baseFeeCents: number;
  hourlyRateCents: number;
  travelFeeCents: number;
  /** 1.5 means after-hours work costs 150 % (base and labour; travel and parts are not multiplied). */
  afterHoursMultiplier: number;
  /** Hours assumed for an estimate before the work is done. */
  defaultHours: number;
}

export interface WorkQuantity {
  hours: number;
  partsCents: number;
  /** Call-outs charged the travel fee (an estimate assumes one). */
  trips: number;
  afterHours: boolean;
}

export interface PricedWork {
  hours: number;
  baseCents: number;
  labourCents: number;
  afterHoursSurchargeCents: number;
  travelCents: number;
  partsCents: number;
  totalCents: number;
  afterHours: boolean;
}

function assertCents(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer number of cents`);
}

/** Prices work from a fee row. All arithmetic on integers; every rounding is half up to the cent. */
export function priceWork(rate: FeeRate, work: WorkQuantity): PricedWork {
  assertCents('baseFeeCents', rate.baseFeeCents);
  assertCents('hourlyRateCents', rate.hourlyRateCents);
  assertCents('travelFeeCents', rate.travelFeeCents);
  assertCents('partsCents', work.partsCents);
  if (!Number.isSafeInteger(work.trips) || work.trips < 0) throw new RangeError('trips must be a non-negative integer');
  const hoursH = toHundredths(work.hours);
  const multiplierH = toHundredths(rate.afterHoursMultiplier);
  if (multiplierH < 100) throw new RangeError('afterHoursMultiplier must be at least 1');
  const labourCents = roundDiv(rate.hourlyRateCents * hoursH, 100);
  const afterHoursSurchargeCents = work.afterHours ? roundDiv((rate.baseFeeCents + labourCents) * (multiplierH - 100), 100) : 0;
  const travelCents = rate.travelFeeCents * work.trips;
  return {
    hours: hoursH / 100,
    baseCents: rate.baseFeeCents,
    labourCents,
    afterHoursSurchargeCents,
    travelCents,
    partsCents: work.partsCents,
    totalCents: rate.baseFeeCents + labourCents + afterHoursSurchargeCents + travelCents + work.partsCents,
    afterHours: work.afterHours,
  };
}

/** The estimate made when a ticket is classified billable: default hours, one call-out, no parts. */
export function estimateWork(rate: FeeRate, afterHours: boolean): PricedWork {
  return priceWork(rate, { hours: rate.defaultHours, partsCents: 0, trips: 1, afterHours });
}

export interface InvoiceAmounts {
  quantity: number;
  unitPriceCents: number;
  subtotalCents: number;
  vatRatePercent: number;
  vatCents: number;
  totalCents: number;
  currency: typeof CURRENCY;
}

/** One invoice line for a ticket's work: quantity 1 at the work's price, plus VAT. */
export function invoiceAmounts(subtotalCents: number, vatRatePercent = VAT_RATE_PERCENT): InvoiceAmounts {
  assertCents('subtotalCents', subtotalCents);
  const vatCents = roundDiv(subtotalCents * vatRatePercent, 100);
  return {
    quantity: 1,
    unitPriceCents: subtotalCents,
    subtotalCents,
    vatRatePercent,
    vatCents,
    totalCents: subtotalCents + vatCents,
    currency: CURRENCY,
  };
}

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function localDate(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
