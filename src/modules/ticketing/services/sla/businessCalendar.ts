// The business calendar (pure): working hours per weekday in a timezone, public holidays and extra closed days,
// turned into the working spans (UTC instants) of any local date.
import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** 'HH:MM' local times; end may be '24:00' (midnight at the end of the day). */
export interface WorkingInterval {
  start: string;
  end: string;
}
export type WorkingHours = Record<Weekday, WorkingInterval[]>;

export interface BusinessCalendar {
  timezone: string;
  workingHours: WorkingHours;
  /** ISO country whose public holidays close the business (date-holidays), or null for none. */
  holidayCountry: string | null;
  /** Extra closed local dates, 'YYYY-MM-DD'. */
  closedDays: readonly string[];
}

export const DEFAULT_TIMEZONE = 'Africa/Johannesburg';
const OFFICE: WorkingInterval[] = [{ start: '08:00', end: '17:00' }];
export const DEFAULT_WORKING_HOURS: WorkingHours = { sun: [], mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [] };

export function defaultCalendar(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timezone: DEFAULT_TIMEZONE, workingHours: DEFAULT_WORKING_HOURS, holidayCountry: 'ZA', closedDays: [], ...overrides };
}

const ALL_DAY: WorkingInterval[] = [{ start: '00:00', end: '24:00' }];
/** The clock of calendar-hour SLA configs: every minute counts. */
export const AROUND_THE_CLOCK: BusinessCalendar = {
  timezone: 'UTC',
  workingHours: { sun: ALL_DAY, mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY },
  holidayCountry: null,
  closedDays: [],
};

/** The clock a ticket's SLA runs on: the business calendar, or every hour for around-the-clock targets. */
export function slaClock(calendar: BusinessCalendar, businessHoursOnly: boolean): BusinessCalendar {
  return businessHoursOnly ? calendar : AROUND_THE_CLOCK;
}

/** A local calendar date; m is 1-12. */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

export const dateKey = (x: LocalDate): string => `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;

export function parseDateKey(key: string): LocalDate {
  const [y, m, d] = key.split('-').map(Number);
  return { y, m, d };
}

export function nextLocalDate(x: LocalDate): LocalDate {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 'HH:MM' -> minutes after midnight; rejects anything outside 00:00..24:00. */
export function parseClock(hhmm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(minutes <= 1440)) throw new RangeError(`Not a time of day: ${hhmm}`);
  return minutes;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const holidayCache = new Map<string, Map<string, string>>();

/** Public holidays of a country and year (date -> name), with the Sunday-to-Monday substitutes date-holidays adds. */
export function publicHolidays(country: string, year: number): Map<string, string> {
  const key = `${country}:${year}`;
  let out = holidayCache.get(key);
  if (!out) {
    out = new Map();
    for (const h of new Holidays(country).getHolidays(year)) {
      if (h.type === 'public') out.set(h.date.slice(0, 10), h.name);
    }
    holidayCache.set(key, out);
  }
  return out;
}

/** Why a local date is closed ('public holiday: ...', 'closed: ...'), or null when it is an ordinary day. */
export function closedReason(cal: BusinessCalendar, date: LocalDate): string | null {
  const key = dateKey(date);
  if (cal.closedDays.includes(key)) return 'closed day';
  const holiday = cal.holidayCountry ? publicHolidays(cal.holidayCountry, date.y).get(key) : undefined;
  return holiday ? `public holiday: ${holiday}` : null;
}

/** Working spans as [startMs, endMs) UTC instants. */
export type Span = readonly [number, number];

interface Compiled {
  cal: BusinessCalendar;
  closed: Set<string>;
  minutes: [number, number][][];
  continuous: boolean;
  spans: Map<string, Span[]>;
}

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();

function compile(cal: BusinessCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (c) return c;
  const minutes = WEEKDAYS.map((w) =>
    (cal.workingHours[w] ?? [])
      .map((i): [number, number] => [parseClock(i.start), parseClock(i.end)])
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]),
  );
  const continuous = !cal.holidayCountry && cal.closedDays.length === 0 && minutes.every((d) => d.length === 1 && d[0][0] === 0 && d[0][1] === 1440);
  c = { cal, closed: new Set(cal.closedDays), minutes, continuous, spans: new Map() };
  compiledCache.set(cal, c);
  return c;
}

/** True when every minute of every day is working time (no day arithmetic needed). */
export function isContinuous(cal: BusinessCalendar): boolean {
  return compile(cal).continuous;
}

function instantAt(tz: string, date: LocalDate, minuteOfDay: number): number {
  if (minuteOfDay === 1440) return instantAt(tz, nextLocalDate(date), 0);
  return new TZDate(date.y, date.m - 1, date.d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, tz).getTime();
}

/** The local date an instant falls on in the calendar's timezone. */
export function localDateOf(cal: BusinessCalendar, instantMs: number): LocalDate {
  const z = new TZDate(instantMs, cal.timezone);
  return { y: z.getFullYear(), m: z.getMonth() + 1, d: z.getDate() };
}

/** The working spans of one local date, in order; none on weekends without hours, holidays and closed days. */
export function workingSpans(cal: BusinessCalendar, date: LocalDate): Span[] {
  const c = compile(cal);
  const key = dateKey(date);
  let spans = c.spans.get(key);
  if (!spans) {
    const weekday = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
    const open = !c.closed.has(key) && !(cal.holidayCountry && publicHolidays(cal.holidayCountry, date.y).has(key));
    spans = open ? c.minutes[weekday].map(([s, e]): Span => [instantAt(cal.timezone, date, s), instantAt(cal.timezone, date, e)]) : [];
    c.spans.set(key, spans);
  }
  return spans;
}

/** True when the instant falls inside a working span of the calendar (after-hours pricing uses the same hours). */
export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  return workingSpans(cal, localDateOf(cal, t)).some(([s, e]) => s <= t && t < e);
}
