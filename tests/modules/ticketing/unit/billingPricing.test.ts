// Fee pricing, VAT and the money helpers: integer cents, half-up rounding, after-hours in the business timezone.
import { describe, expect, it } from 'vitest';
import { estimateWork, invoiceAmounts, localDate, priceWork, type FeeRate } from '@/src/modules/ticketing/services/billing/feePricing';
import { defaultCalendar, isWorkingTime } from '@/src/modules/ticketing/services/sla/businessCalendar';
import { centsToDecimal, decimalToCents, decimalToCentsOrNull, roundDiv, toHundredths } from '@/src/modules/ticketing/services/billing/money';

const TZ = 'Africa/Johannesburg';
// The seed's fault/high row: R350 base, R120 an hour, R75 travel.
const HIGH: FeeRate = { baseFeeCents: 35_000, hourlyRateCents: 12_000, travelFeeCents: 7_500, afterHoursMultiplier: 1.5, defaultHours: 1 };
const work = (o: Partial<Parameters<typeof priceWork>[1]> = {}) => ({ hours: 1, partsCents: 0, trips: 1, afterHours: false, ...o });

describe('priceWork', () => {
  it.each([
    ['one hour, one trip', HIGH, work(), { labourCents: 12_000, afterHoursSurchargeCents: 0, travelCents: 7_500, totalCents: 54_500 }],
    ['2.5 hours', HIGH, work({ hours: 2.5 }), { labourCents: 30_000, totalCents: 72_500 }],
    ['no hours, no trips: the base fee only', HIGH, work({ hours: 0, trips: 0 }), { labourCents: 0, travelCents: 0, totalCents: 35_000 }],
    ['two trips pay travel twice', HIGH, work({ trips: 2 }), { travelCents: 15_000, totalCents: 62_000 }],
    ['parts are added at cost and not multiplied', HIGH, work({ partsCents: 12_345, afterHours: true }), { afterHoursSurchargeCents: 23_500, totalCents: 54_500 + 23_500 + 12_345 }],
    ['after hours: x1.5 on base and labour, not travel', HIGH, work({ afterHours: true }), { afterHoursSurchargeCents: 23_500, travelCents: 7_500, totalCents: 78_000 }],
    ['a multiplier of 1 adds nothing after hours', { ...HIGH, afterHoursMultiplier: 1 }, work({ afterHours: true }), { afterHoursSurchargeCents: 0, totalCents: 54_500 }],
    ['half a cent of labour rounds up (R3.33 x 0.5 h = 166.5c)', { ...HIGH, hourlyRateCents: 333 }, work({ hours: 0.5 }), { labourCents: 167 }],
    ['a fraction of a cent below half rounds down (R3.33 x 0.25 h = 83.25c)', { ...HIGH, hourlyRateCents: 333 }, work({ hours: 0.25 }), { labourCents: 83 }],
    ['a surcharge of x1.25 on R1.01 + R0 rounds half up (25.25c)', { baseFeeCents: 101, hourlyRateCents: 0, travelFeeCents: 0, afterHoursMultiplier: 1.25, defaultHours: 0 }, work({ afterHours: true, trips: 0 }), { afterHoursSurchargeCents: 25, totalCents: 126 }],
    ['hours beyond two decimals are rounded to the hundredth', HIGH, work({ hours: 1.006 }), { labourCents: 12_120 }],
  ])('%s', (_name, rate, w, expected) => {
    const p = priceWork(rate, w);
    expect(p).toMatchObject(expected);
    expect(p.totalCents).toBe(p.baseCents + p.labourCents + p.afterHoursSurchargeCents + p.travelCents + p.partsCents);
    expect(Number.isInteger(p.totalCents)).toBe(true);
  });

  it.each([
    ['negative base', { ...HIGH, baseFeeCents: -1 }, work(), /baseFeeCents/],
    ['fractional hourly rate', { ...HIGH, hourlyRateCents: 10.5 }, work(), /hourlyRateCents/],
    ['negative travel', { ...HIGH, travelFeeCents: -5 }, work(), /travelFeeCents/],
    ['fractional parts', HIGH, work({ partsCents: 1.5 }), /partsCents/],
    ['fractional trips', HIGH, work({ trips: 1.5 }), /trips/],
    ['negative hours', HIGH, work({ hours: -1 }), /quantity/],
    ['a multiplier below 1', { ...HIGH, afterHoursMultiplier: 0.9 }, work(), /at least 1/],
  ])('refuses %s', (_name, rate, w, message) => {
    expect(() => priceWork(rate, w)).toThrow(message);
  });

  it('estimates with the default hours, one trip and no parts', () => {
    expect(estimateWork({ ...HIGH, defaultHours: 2 }, false)).toMatchObject({ hours: 2, labourCents: 24_000, travelCents: 7_500, partsCents: 0, totalCents: 66_500 });
  });
});

describe('invoiceAmounts (15 % VAT)', () => {
  it.each([
    [54_500, 8_175, 62_675],
    [0, 0, 0],
    [1, 0, 1], // 0.15c rounds down
    [10, 2, 12], // 1.5c rounds half up
    [333, 50, 383], // 49.95c
  ])('a subtotal of %i cents has VAT %i and total %i', (subtotal, vat, total) => {
    expect(invoiceAmounts(subtotal)).toEqual({ quantity: 1, unitPriceCents: subtotal, subtotalCents: subtotal, vatRatePercent: 15, vatCents: vat, totalCents: total, currency: 'ZAR' });
  });

  it('takes another rate when told, and refuses a fractional subtotal', () => {
    expect(invoiceAmounts(10_000, 14).vatCents).toBe(1_400);
    expect(() => invoiceAmounts(10.5)).toThrow(/subtotalCents/);
  });
});

describe('after hours for pricing = outside the business calendar\'s working time', () => {
  const calendar = defaultCalendar();
  it.each([
    ['Wednesday 10:00', '2026-11-25T10:00:00+02:00', false],
    ['Wednesday 08:00 (opening)', '2026-11-25T08:00:00+02:00', false],
    ['Wednesday 07:59', '2026-11-25T07:59:00+02:00', true],
    ['Wednesday 16:59', '2026-11-25T16:59:00+02:00', false],
    ['Wednesday 17:00 (closing)', '2026-11-25T17:00:00+02:00', true],
    ['06:30 UTC is 08:30 in Johannesburg', '2026-11-25T06:30:00Z', false],
    ['Saturday 10:00', '2026-11-28T10:00:00+02:00', true],
    ['Sunday 10:00', '2026-11-29T10:00:00+02:00', true],
    ['Day of Reconciliation (Wednesday 16 December) 10:00', '2026-12-16T10:00:00+02:00', true],
  ])('%s', (_name, at, expected) => {
    expect(!isWorkingTime(calendar, new Date(at))).toBe(expected);
  });

  it('follows the calendar: an extra closed day is after hours, and no holiday country means none', () => {
    expect(isWorkingTime(defaultCalendar({ closedDays: ['2026-11-25'] }), new Date('2026-11-25T10:00:00+02:00'))).toBe(false);
    expect(isWorkingTime(defaultCalendar({ holidayCountry: null }), new Date('2026-12-16T10:00:00+02:00'))).toBe(true);
  });

  it('gives the local calendar date', () => {
    expect(localDate(new Date('2026-11-24T22:30:00Z'), TZ)).toBe('2026-11-25');
    expect(localDate(new Date('2026-11-24T21:30:00Z'), TZ)).toBe('2026-11-24');
  });
});

describe('money helpers', () => {
  it.each([
    ['123.45', 12_345],
    ['123.4', 12_340],
    ['123', 12_300],
    ['0.05', 5],
    ['-0.50', -50],
    [' 7.00 ', 700],
  ])('reads %s as %i cents', (text, cents) => {
    expect(decimalToCents(text)).toBe(cents);
  });

  it('reads numbers and nulls, and refuses what is not an amount', () => {
    expect(decimalToCents(1.1)).toBe(110);
    expect(decimalToCentsOrNull(null)).toBeNull();
    expect(decimalToCentsOrNull(undefined)).toBeNull();
    expect(decimalToCentsOrNull('2.50')).toBe(250);
    expect(() => decimalToCents('R12')).toThrow(/Not a decimal/);
    expect(() => decimalToCents('1.239')).toThrow(/Not a decimal/);
  });

  it.each([
    [12_345, '123.45'],
    [5, '0.05'],
    [0, '0.00'],
    [-1_234, '-12.34'],
  ])('writes %i cents as %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });

  it('refuses fractional cents and bad divisions', () => {
    expect(() => centsToDecimal(1.5)).toThrow(/integer/);
    expect(() => roundDiv(-1, 2)).toThrow(RangeError);
    expect(() => roundDiv(1, 0)).toThrow(RangeError);
    expect(() => roundDiv(1.5, 2)).toThrow(RangeError);
    expect([roundDiv(5, 10), roundDiv(4, 10), roundDiv(15, 10)]).toEqual([1, 0, 2]);
  });

  it('counts hundredths of a quantity', () => {
    expect([toHundredths(1.5), toHundredths('0.25'), toHundredths(2)]).toEqual([150, 25, 200]);
    expect(() => toHundredths(Number.NaN)).toThrow(/quantity/);
  });
});
