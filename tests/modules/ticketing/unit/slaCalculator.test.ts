// The SLA arithmetic, checked against cases worked out by hand. Johannesburg is UTC+2 all year (no DST).
// Default calendar: Mon-Fri 08:00-17:00 (540 business minutes a day), South African public holidays.
// Anchors: 2026-11-25 is a Wednesday; 2026-12-16 (Day of Reconciliation) a Wednesday; 2026-12-25 a Friday;
// 2026-08-09 (Women's Day) a Sunday, so Monday 2026-08-10 is off; 2028-02-29 is a Tuesday.
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  elapsedBusinessMinutes,
  nextThresholdInstant,
  percentElapsed,
  signedBusinessMinutes,
  thresholdInstant,
} from '@/src/modules/ticketing/services/sla/slaCalculator';
import { AROUND_THE_CLOCK, DEFAULT_WORKING_HOURS, defaultCalendar } from '@/src/modules/ticketing/services/sla/businessCalendar';

const cal = defaultCalendar();
/** A Johannesburg wall-clock time. */
const sast = (local: string) => new Date(`${local}+02:00`);
const add = (from: string, minutes: number) => addBusinessMinutes(cal, sast(from), minutes).toISOString();
const iso = (local: string) => sast(local).toISOString();

describe('addBusinessMinutes', () => {
  it('stays within one working day', () => {
    // Wed 09:00 + 120 = Wed 11:00
    expect(add('2026-11-25T09:00', 120)).toBe(iso('2026-11-25T11:00'));
  });

  it('carries over the night into the next morning', () => {
    // Wed 16:00 + 120: 60 until 17:00, 60 more from Thu 08:00 -> Thu 09:00
    expect(add('2026-11-25T16:00', 120)).toBe(iso('2026-11-26T09:00'));
  });

  it('skips the weekend', () => {
    // Fri 15:00 + 240: Fri 15-17 = 120, Sat and Sun closed, Mon 08:00 + 120 -> Mon 10:00
    expect(add('2026-11-27T15:00', 240)).toBe(iso('2026-11-30T10:00'));
  });

  it('starts a ticket created outside hours at the next opening', () => {
    // Sat 22:00 + 60: nothing until Mon 08:00 -> Mon 09:00
    expect(add('2026-11-28T22:00', 60)).toBe(iso('2026-11-30T09:00'));
    // Wed 06:30 (before opening) + 30 -> Wed 08:30
    expect(add('2026-11-25T06:30', 30)).toBe(iso('2026-11-25T08:30'));
    // Wed 17:00 (at closing) + 1 -> Thu 08:01
    expect(add('2026-11-25T17:00', 1)).toBe(iso('2026-11-26T08:01'));
  });

  it('lands exactly on closing time rather than the next morning', () => {
    // Wed 09:00 + 480 = 8 h -> Wed 17:00
    expect(add('2026-11-25T09:00', 480)).toBe(iso('2026-11-25T17:00'));
  });

  it('returns the start itself for zero minutes, even outside hours', () => {
    expect(add('2026-11-28T22:00', 0)).toBe(iso('2026-11-28T22:00'));
  });

  it('skips a public holiday', () => {
    // Tue 2026-12-15 16:00 + 120: Tue 60, Wed 16 Dec holiday, Thu 08:00 + 60 -> Thu 09:00
    expect(add('2026-12-15T16:00', 120)).toBe(iso('2026-12-17T09:00'));
  });

  it('skips the Monday a Sunday holiday moves to', () => {
    // Fri 2026-08-07 16:00 + 120: Fri 60, weekend, Mon 10 Aug off (Women's Day was Sunday), Tue 08:00 + 60 -> Tue 09:00
    expect(add('2026-08-07T16:00', 120)).toBe(iso('2026-08-11T09:00'));
  });

  it('crosses Christmas and the year end', () => {
    // Thu 2026-12-24 15:00 + 1440 (24 business hours): Thu 15-17 = 120 (1320 left); Fri 25 Christmas, Sat 26, Sun 27 off;
    // Mon 28 = 540 (780 left); Tue 29 = 540 (240 left); Wed 30 08:00 + 240 -> Wed 12:00
    expect(add('2026-12-24T15:00', 1440)).toBe(iso('2026-12-30T12:00'));
    // Wed 2026-12-30 16:00 + 600: Wed 60 (540 left), Thu 31 = 540 -> exactly Thu 17:00
    expect(add('2026-12-30T16:00', 600)).toBe(iso('2026-12-31T17:00'));
    // one minute more: Fri 1 Jan 2027 New Year, weekend -> Mon 2027-01-04 08:01
    expect(add('2026-12-30T16:00', 601)).toBe(iso('2027-01-04T08:01'));
  });

  it('counts the leap day as a working day', () => {
    // Mon 2028-02-28 16:00 + 600: Mon 60 (540 left), Tue 29 Feb = 540 -> Tue 29 Feb 17:00
    expect(add('2028-02-28T16:00', 600)).toBe(iso('2028-02-29T17:00'));
    // + 601 -> Wed 2028-03-01 08:01
    expect(add('2028-02-28T16:00', 601)).toBe(iso('2028-03-01T08:01'));
  });

  it('skips an extra closed day of the calendar', () => {
    // Thu 2026-11-26 closed: Wed 16:00 + 120 = Wed 60, Fri 08:00 + 60 -> Fri 09:00
    const closed = defaultCalendar({ closedDays: ['2026-11-26'] });
    expect(addBusinessMinutes(closed, sast('2026-11-25T16:00'), 120).toISOString()).toBe(iso('2026-11-27T09:00'));
  });

  it('honours a lunch break between two working intervals', () => {
    const split = { start: '08:00', end: '12:00' };
    const rest = { start: '13:00', end: '17:00' };
    const hours = { ...DEFAULT_WORKING_HOURS, wed: [rest, split] };
    // Wed 11:00 + 120: 11-12 = 60, lunch, 13:00 + 60 -> 14:00 (intervals given out of order still work)
    expect(addBusinessMinutes(defaultCalendar({ workingHours: hours }), sast('2026-11-25T11:00'), 120).toISOString()).toBe(iso('2026-11-25T14:00'));
  });

  it('counts every hour around the clock, over nights and weekends', () => {
    // Sat 22:00 + 240 -> Sun 02:00
    expect(addBusinessMinutes(AROUND_THE_CLOCK, sast('2026-11-28T22:00'), 240).toISOString()).toBe(iso('2026-11-29T02:00'));
    // a calendar of 00:00-24:00 every day but with holidays is not continuous: it still closes on Christmas
    const allDay = [{ start: '00:00', end: '24:00' }];
    const always = defaultCalendar({ workingHours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay } });
    // Thu 2026-12-24 23:00 + 120: 60 until midnight, Fri 25 and Sat 26 holidays, Sun 27 00:00 + 60 -> Sun 01:00
    expect(addBusinessMinutes(always, sast('2026-12-24T23:00'), 120).toISOString()).toBe(iso('2026-12-27T01:00'));
  });

  it('works in another timezone across its daylight-saving change', () => {
    // London: clocks go forward on Sun 2026-03-29. Fri 27 Mar 16:00 GMT (16:00Z) + 120: Fri 60,
    // Mon 30 Mar 08:00 BST (07:00Z) + 60 -> 09:00 BST = 08:00Z
    const london = defaultCalendar({ timezone: 'Europe/London', holidayCountry: 'GB' });
    expect(addBusinessMinutes(london, new Date('2026-03-27T16:00:00Z'), 120).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('handles fractional minutes to the millisecond', () => {
    // 75 % of 75 minutes = 56.25 minutes = 56 min 15 s
    expect(add('2026-11-25T09:00', 56.25)).toBe(new Date(sast('2026-11-25T09:56').getTime() + 15_000).toISOString());
  });

  it('refuses negative or non-finite minutes and a calendar with no working time', () => {
    expect(() => add('2026-11-25T09:00', -1)).toThrow(RangeError);
    expect(() => add('2026-11-25T09:00', Number.NaN)).toThrow(RangeError);
    const never = defaultCalendar({ workingHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } });
    expect(() => addBusinessMinutes(never, sast('2026-11-25T09:00'), 1)).toThrow(/no working time/);
  });
});

describe('businessMinutesBetween', () => {
  const between = (a: string, b: string) => businessMinutesBetween(cal, sast(a), sast(b));

  it('counts the working part of a range', () => {
    expect(between('2026-11-25T09:00', '2026-11-25T11:30')).toBe(150);
    // Fri 16:00 -> Mon 09:00 = Fri 60 + Mon 60
    expect(between('2026-11-27T16:00', '2026-11-30T09:00')).toBe(120);
    // a night alone is worth nothing
    expect(between('2026-11-25T18:00', '2026-11-26T07:00')).toBe(0);
    // Mon 00:00 -> next Mon 00:00 = 5 x 540
    expect(between('2026-11-23T00:00', '2026-11-30T00:00')).toBe(2700);
  });

  it('leaves out holidays, the year end and counts the leap day', () => {
    // Tue 2026-12-15 16:00 -> Thu 12-17 09:00 = Tue 60 + (Wed holiday) + Thu 60
    expect(between('2026-12-15T16:00', '2026-12-17T09:00')).toBe(120);
    // Thu 2026-12-31 16:00 -> Mon 2027-01-04 09:00 = Thu 60 + (Fri New Year, weekend) + Mon 60
    expect(between('2026-12-31T16:00', '2027-01-04T09:00')).toBe(120);
    // Mon 2028-02-28 12:00 -> Wed 03-01 12:00 = Mon 300 + Tue 29 Feb 540 + Wed 240
    expect(between('2028-02-28T12:00', '2028-03-01T12:00')).toBe(1080);
  });

  it('is zero for an empty or reversed range and signed on request', () => {
    expect(between('2026-11-25T11:00', '2026-11-25T09:00')).toBe(0);
    expect(between('2026-11-25T11:00', '2026-11-25T11:00')).toBe(0);
    expect(signedBusinessMinutes(cal, sast('2026-11-25T11:00'), sast('2026-11-25T09:00'))).toBe(-120);
    expect(signedBusinessMinutes(cal, sast('2026-11-25T09:00'), sast('2026-11-25T11:00'))).toBe(120);
  });

  it('is the inverse of addBusinessMinutes', () => {
    const start = sast('2026-12-24T15:00');
    expect(businessMinutesBetween(cal, start, addBusinessMinutes(cal, start, 1440))).toBe(1440);
    expect(businessMinutesBetween(AROUND_THE_CLOCK, start, sast('2026-12-25T15:00'))).toBe(1440);
  });
});

describe('percentElapsed and elapsedBusinessMinutes', () => {
  const created = sast('2026-11-25T08:00');

  it('is business time used over the target', () => {
    // Wed 08:00 -> Thu 10:00 = Wed 540 + Thu 120 = 660 of 480 -> 137.5 %
    expect(percentElapsed(cal, { start: created, targetMinutes: 480, now: sast('2026-11-26T10:00') })).toBe(137.5);
  });

  it('subtracts a pause that spans the night', () => {
    // paused Wed 16:00 -> Thu 09:00 = Wed 60 + Thu 60 = 120; 660 - 120 = 540 of 480 -> 112.5 %
    const pauses = [{ start: sast('2026-11-25T16:00'), end: sast('2026-11-26T09:00') }];
    expect(percentElapsed(cal, { start: created, targetMinutes: 480, now: sast('2026-11-26T10:00'), pauses })).toBe(112.5);
  });

  it('subtracts a pause over a holiday by its business time only', () => {
    // created Tue 2026-12-15 09:00, target 480. Paused Tue 15:00 -> Thu 17 Dec 10:00 = Tue 120 + (Wed holiday) + Thu 120 = 240.
    // At Thu 12:00: Tue 09-17 = 480 + Thu 08-12 = 240 -> 720 - 240 = 480 = 100 %
    const pauses = [{ start: sast('2026-12-15T15:00'), end: sast('2026-12-17T10:00') }];
    expect(percentElapsed(cal, { start: sast('2026-12-15T09:00'), targetMinutes: 480, now: sast('2026-12-17T12:00'), pauses })).toBe(100);
  });

  it('counts an open pause up to now and clips a pause to the measured window', () => {
    // Wed 08:00 -> Wed 12:00 = 240; open pause since 10:00 = 120 -> 120 elapsed
    expect(elapsedBusinessMinutes(cal, created, sast('2026-11-25T12:00'), [{ start: sast('2026-11-25T10:00'), end: null }])).toBe(120);
    // a pause that began before the start only counts from the start: Wed 08:00-09:00 = 60 -> 240 - 60
    expect(elapsedBusinessMinutes(cal, created, sast('2026-11-25T12:00'), [{ start: sast('2026-11-24T16:00'), end: sast('2026-11-25T09:00') }])).toBe(180);
    // a pause ending after now counts until now: 11:00-12:00 = 60 -> 240 - 60
    expect(elapsedBusinessMinutes(cal, created, sast('2026-11-25T12:00'), [{ start: sast('2026-11-25T11:00'), end: sast('2026-11-25T15:00') }])).toBe(180);
  });

  it('refuses a target of zero', () => {
    expect(() => percentElapsed(cal, { start: created, targetMinutes: 0, now: created })).toThrow(RangeError);
  });
});

describe('threshold instants', () => {
  const start = sast('2026-11-25T08:00');

  it('puts 75 / 90 / 100 % of an 8-hour target at the right business minute', () => {
    // 75 % of 480 = 360 -> Wed 14:00; 90 % = 432 -> Wed 15:12; 100 % = 480 -> Wed 16:00
    const at = (percent: number, pausedMinutes = 0) => thresholdInstant(cal, { start, targetMinutes: 480, pausedMinutes, percent }).toISOString();
    expect(at(75)).toBe(iso('2026-11-25T14:00'));
    expect(at(90)).toBe(iso('2026-11-25T15:12'));
    expect(at(100)).toBe(iso('2026-11-25T16:00'));
    // after 120 paused minutes: 75 % -> 480 -> Wed 16:00; 90 % -> 552 = Wed 540 + 12 -> Thu 08:12; 100 % -> 600 -> Thu 09:00
    expect(at(75, 120)).toBe(iso('2026-11-25T16:00'));
    expect(at(90, 120)).toBe(iso('2026-11-26T08:12'));
    expect(at(100, 120)).toBe(iso('2026-11-26T09:00'));
  });

  it('finds the next threshold still ahead', () => {
    const next = (now: string) => nextThresholdInstant(cal, { start, targetMinutes: 480, pausedMinutes: 0, percents: [100, 75, 90], now: sast(now) });
    expect(next('2026-11-25T13:00')).toEqual({ percent: 75, at: sast('2026-11-25T14:00') });
    // 75 % at 14:00 has passed -> 90 % at 15:12
    expect(next('2026-11-25T15:00')).toEqual({ percent: 90, at: sast('2026-11-25T15:12') });
    expect(next('2026-11-25T16:30')).toBeNull();
  });

  it('runs a critical fault around the clock: 1 h response and 4 h resolution from Friday 16:00', () => {
    const friday = sast('2026-11-27T16:00');
    expect(thresholdInstant(AROUND_THE_CLOCK, { start: friday, targetMinutes: 240, pausedMinutes: 0, percent: 100 }).toISOString()).toBe(iso('2026-11-27T20:00'));
    // 75 % of 60 min = 45 min -> 16:45
    expect(thresholdInstant(AROUND_THE_CLOCK, { start: friday, targetMinutes: 60, pausedMinutes: 0, percent: 75 }).toISOString()).toBe(iso('2026-11-27T16:45'));
  });
});
