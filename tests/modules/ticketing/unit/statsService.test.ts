// Pure parts of the dashboard figures: the day window in the business timezone, gap filling, exact money.
import { describe, expect, it } from 'vitest';
import { dayWindow, fillDays, numericToCents } from '@/src/modules/ticketing/services/statsService';

describe('dayWindow', () => {
  it('ends on the local date in Johannesburg and starts at local midnight of the first day', () => {
    const w = dayWindow(new Date('2026-11-25T21:30:00Z'), 'Africa/Johannesburg', 3);
    expect(w.dates).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(w.since.toISOString()).toBe('2026-11-22T22:00:00.000Z');
  });

  it('rolls over to the next day once it is past midnight in the timezone, though still the same day in UTC', () => {
    const w = dayWindow(new Date('2026-11-25T22:30:00Z'), 'Africa/Johannesburg', 1);
    expect(w.dates).toEqual(['2026-11-26']);
    expect(w.since.toISOString()).toBe('2026-11-25T22:00:00.000Z');
  });
});

describe('fillDays', () => {
  it('puts zeros on days without events and keeps counted days', () => {
    const out = fillDays(['2026-11-24', '2026-11-25'], [{ date: '2026-11-25', created: 2, resolved: 1 }]);
    expect(out).toEqual([
      { date: '2026-11-24', created: 0, resolved: 0 },
      { date: '2026-11-25', created: 2, resolved: 1 },
    ]);
  });
});

describe('numericToCents', () => {
  it('converts numeric text to integer cents exactly', () => {
    expect(numericToCents('0')).toBe(0);
    expect(numericToCents('12.5')).toBe(1250);
    expect(numericToCents('1234.56')).toBe(123456);
    expect(numericToCents('0.10')).toBe(10);
    expect(numericToCents('-3.25')).toBe(-325);
  });

  it('refuses text that is not an amount', () => {
    expect(() => numericToCents('12.345')).toThrow(/Not a money amount/);
    expect(() => numericToCents('abc')).toThrow(/Not a money amount/);
  });
});
