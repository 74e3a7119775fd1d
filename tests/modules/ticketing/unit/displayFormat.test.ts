// The one money and date formatter used on screen and in server text.
import { describe, expect, it } from 'vitest';
import { formatDay, formatDayOf, formatInstant, formatRand, formatShortDay } from '@/src/modules/ticketing/services/displayFormat';

const nbsp = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

describe('displayFormat', () => {
  it('writes rand the South African way, with a space between thousands and a decimal comma', () => {
    expect(nbsp(formatRand(107_500))).toBe('R 1 075,00');
    expect(nbsp(formatRand(40_000))).toBe('R 400,00');
    expect(nbsp(formatRand(5))).toBe('R 0,05');
  });
  it('writes a calendar date as day, short month and year, whatever the machine timezone', () => {
    expect(formatDay('2026-11-28')).toBe('28 Nov 2026');
    expect(formatDay('2026-03-01')).toBe('01 Mar 2026');
    expect(formatDay('not a date')).toBe('not a date');
    expect(formatShortDay('2026-11-15')).toBe('15 Nov');
    expect(formatShortDay('x')).toBe('x');
  });
  it('takes the local date and time of an instant in the business timezone', () => {
    // 22:30 UTC is already the next day in Johannesburg.
    expect(formatDayOf(new Date('2026-03-31T22:30:00Z'), 'Africa/Johannesburg')).toBe('01 Apr 2026');
    expect(nbsp(formatInstant(new Date('2026-03-31T22:30:00Z'), 'Africa/Johannesburg'))).toBe('01 Apr 2026, 00:30');
    expect(nbsp(formatInstant(new Date('2026-03-31T22:30:00Z'), 'UTC'))).toBe('31 Mar 2026, 22:30');
  });
});
