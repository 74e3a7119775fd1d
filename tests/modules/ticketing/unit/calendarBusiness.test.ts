// The business calendar: public holidays (with Sunday-to-Monday substitutes), closed days, working spans, parsing.
import { describe, expect, it } from 'vitest';
import {
  closedReason,
  dateKey,
  defaultCalendar,
  isContinuous,
  isValidTimezone,
  localDateOf,
  nextLocalDate,
  parseClock,
  parseDateKey,
  publicHolidays,
  slaClock,
  AROUND_THE_CLOCK,
  workingSpans,
} from '@/src/modules/ticketing/services/sla/businessCalendar';

const cal = defaultCalendar();

describe('publicHolidays', () => {
  it('lists the South African public holidays and moves a Sunday holiday to Monday', () => {
    const h2026 = publicHolidays('ZA', 2026);
    expect(h2026.get('2026-12-16')).toBe('Day of Reconciliation');
    expect(h2026.has('2026-08-09')).toBe(true); // Women's Day on a Sunday
    expect(h2026.has('2026-08-10')).toBe(true); // and the Monday after it
    expect(h2026.has('2026-04-05')).toBe(false); // Easter Sunday is an observance, not a public holiday
    expect(publicHolidays('ZA', 2027).has('2027-12-27')).toBe(true); // Goodwill 26 Dec 2027 is a Sunday
    // a Saturday holiday is not moved: 2028-12-16 is a Saturday
    expect(publicHolidays('ZA', 2028).has('2028-12-18')).toBe(false);
    expect(publicHolidays('ZA', 2026)).toBe(h2026); // cached
  });

  it('knows no holidays for an unknown country', () => {
    expect(publicHolidays('QQ', 2026).size).toBe(0);
  });
});

describe('closed days and working spans', () => {
  it('says why a day is closed', () => {
    expect(closedReason(cal, { y: 2026, m: 12, d: 25 })).toBe('public holiday: Christmas Day');
    expect(closedReason(defaultCalendar({ closedDays: ['2026-11-26'] }), { y: 2026, m: 11, d: 26 })).toBe('closed day');
    expect(closedReason(cal, { y: 2026, m: 11, d: 26 })).toBeNull();
    expect(closedReason(defaultCalendar({ holidayCountry: null }), { y: 2026, m: 12, d: 25 })).toBeNull();
  });

  it('turns a weekday into its working span in UTC, and a weekend or holiday into none', () => {
    // Wed 2026-11-25 08:00-17:00 SAST = 06:00-15:00Z
    expect(workingSpans(cal, { y: 2026, m: 11, d: 25 })).toEqual([[Date.parse('2026-11-25T06:00:00Z'), Date.parse('2026-11-25T15:00:00Z')]]);
    expect(workingSpans(cal, { y: 2026, m: 11, d: 28 })).toEqual([]);
    expect(workingSpans(cal, { y: 2026, m: 12, d: 16 })).toEqual([]);
    // 24:00 ends at the next midnight
    expect(workingSpans(AROUND_THE_CLOCK, { y: 2028, m: 2, d: 28 })).toEqual([[Date.parse('2028-02-28T00:00:00Z'), Date.parse('2028-02-29T00:00:00Z')]]);
  });

  it('treats a weekday missing from stored hours as closed', () => {
    const partial = defaultCalendar({ workingHours: { mon: [{ start: '08:00', end: '17:00' }] } as never });
    expect(workingSpans(partial, { y: 2026, m: 11, d: 24 })).toEqual([]);
    expect(workingSpans(partial, { y: 2026, m: 11, d: 23 })).toHaveLength(1);
  });

  it('knows when every minute counts', () => {
    expect(isContinuous(AROUND_THE_CLOCK)).toBe(true);
    expect(isContinuous(cal)).toBe(false);
    expect(slaClock(cal, false)).toBe(AROUND_THE_CLOCK);
    expect(slaClock(cal, true)).toBe(cal);
  });
});

describe('dates, times and zones', () => {
  it('walks local dates over month ends, the leap day and the year end', () => {
    expect(nextLocalDate({ y: 2028, m: 2, d: 28 })).toEqual({ y: 2028, m: 2, d: 29 });
    expect(nextLocalDate({ y: 2028, m: 2, d: 29 })).toEqual({ y: 2028, m: 3, d: 1 });
    expect(nextLocalDate({ y: 2026, m: 12, d: 31 })).toEqual({ y: 2027, m: 1, d: 1 });
    expect(dateKey({ y: 2026, m: 3, d: 5 })).toBe('2026-03-05');
    expect(parseDateKey('2026-03-05')).toEqual({ y: 2026, m: 3, d: 5 });
  });

  it('finds the local date of an instant in the calendar timezone', () => {
    // 2026-11-25 23:30Z is already Thursday 01:30 in Johannesburg
    expect(localDateOf(cal, Date.parse('2026-11-25T23:30:00Z'))).toEqual({ y: 2026, m: 11, d: 26 });
  });

  it('parses HH:MM and refuses anything else', () => {
    expect(parseClock('08:30')).toBe(510);
    expect(parseClock('24:00')).toBe(1440);
    expect(() => parseClock('24:30')).toThrow(RangeError);
    expect(() => parseClock('8:30')).toThrow(RangeError);
  });

  it('checks IANA timezones', () => {
    expect(isValidTimezone('Africa/Johannesburg')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});
