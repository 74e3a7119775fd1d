// The business calendar use cases: load it for SLA maths, show it with its holidays, change hours and closed days.
import type { Queryable } from '@/src/lib/db';
import { NotFoundError, ValidationError } from '@/src/lib/api/errors';
import { deleteClosedDay, findDefaultCalendar, touchCalendar, updateCalendar, upsertClosedDay, type CalendarRecord } from '../../db/calendarRepo';
import type { BusinessCalendarView, CalendarUpdateInput, ClosedDayInput } from '../../types/sla';
import type { ServiceContext } from '../context';
import { defaultCalendar, isValidTimezone, publicHolidays, type BusinessCalendar } from './businessCalendar';

export function toBusinessCalendar(r: CalendarRecord): BusinessCalendar {
  return { timezone: r.timezone, workingHours: r.workingHours, holidayCountry: r.holidayCountry, closedDays: r.closedDays.map((d) => d.day) };
}

// The last calendar read, by its content: while the stored calendar is unchanged every request gets the same object,
// so the working spans compiled for it (a WeakMap keyed by the object) are reused instead of rebuilt per request.
// The row is still read each time, so a change made by any process is seen at once: nothing here can go stale.
let lastCalendar: { key: string; calendar: BusinessCalendar } | null = null;

// Inside one transaction (a Queryable without transaction()) the calendar is read once: creating a ticket used to
// read it three times (billing, SLA targets, SLA view). On the pool it is read per call.
const perTransaction = new WeakMap<Queryable, Promise<BusinessCalendar>>();

/** The calendar SLA maths runs on: the default row, or the built-in Mon-Fri 08:00-17:00 Johannesburg one. */
export function loadBusinessCalendar(q: Queryable): Promise<BusinessCalendar> {
  if ('transaction' in q) return readBusinessCalendar(q);
  let calendar = perTransaction.get(q);
  if (!calendar) {
    calendar = readBusinessCalendar(q);
    perTransaction.set(q, calendar);
  }
  return calendar;
}

async function readBusinessCalendar(q: Queryable): Promise<BusinessCalendar> {
  const r = await findDefaultCalendar(q);
  if (!r) return defaultCalendar();
  const key = JSON.stringify([r.id, r.timezone, r.workingHours, r.holidayCountry, r.closedDays]);
  if (lastCalendar?.key !== key) lastCalendar = { key, calendar: toBusinessCalendar(r) };
  return lastCalendar.calendar;
}

async function requireCalendar(q: Queryable): Promise<CalendarRecord> {
  const r = await findDefaultCalendar(q);
  if (!r) throw new NotFoundError('Business calendar');
  return r;
}

function view(r: CalendarRecord, year: number): BusinessCalendarView {
  const holidays = r.holidayCountry ? [...publicHolidays(r.holidayCountry, year)].map(([day, name]) => ({ day, name })) : [];
  return { ...r, publicHolidays: holidays };
}

export async function getBusinessCalendar(ctx: ServiceContext, year?: number): Promise<BusinessCalendarView> {
  return view(await requireCalendar(ctx.db), year ?? ctx.clock.now().getUTCFullYear());
}

export async function changeBusinessCalendar(ctx: ServiceContext, input: CalendarUpdateInput): Promise<BusinessCalendarView> {
  if (input.timezone !== undefined && !isValidTimezone(input.timezone)) {
    throw new ValidationError('Unknown timezone', { location: 'body', fields: [{ field: 'timezone', message: `Unknown IANA timezone ${input.timezone}`, code: 'custom' }] });
  }
  if (input.holidayCountry && publicHolidays(input.holidayCountry, ctx.clock.now().getUTCFullYear()).size === 0) {
    throw new ValidationError('Unknown holiday country', { location: 'body', fields: [{ field: 'holidayCountry', message: `No public holidays known for ${input.holidayCountry}`, code: 'custom' }] });
  }
  return ctx.db.transaction(async (tx) => {
    const r = await requireCalendar(tx);
    const next = {
      timezone: input.timezone ?? r.timezone,
      workingHours: input.workingHours ?? r.workingHours,
      holidayCountry: input.holidayCountry === undefined ? r.holidayCountry : input.holidayCountry,
    };
    await updateCalendar(tx, r.id, next, ctx.clock.now());
    ctx.log.info({ userId: ctx.user.id, change: { before: { timezone: r.timezone, workingHours: r.workingHours, holidayCountry: r.holidayCountry }, after: next } }, 'business calendar changed');
    return view(await requireCalendar(tx), ctx.clock.now().getUTCFullYear());
  });
}

export async function addClosedDay(ctx: ServiceContext, input: ClosedDayInput): Promise<BusinessCalendarView> {
  return ctx.db.transaction(async (tx) => {
    const r = await requireCalendar(tx);
    await upsertClosedDay(tx, r.id, input.day, input.reason);
    await touchCalendar(tx, r.id, ctx.clock.now());
    ctx.log.info({ userId: ctx.user.id, change: { ...input } }, 'closed day added');
    return view(await requireCalendar(tx), Number(input.day.slice(0, 4)));
  });
}

export async function removeClosedDay(ctx: ServiceContext, day: string): Promise<BusinessCalendarView> {
  return ctx.db.transaction(async (tx) => {
    const r = await requireCalendar(tx);
    if (!(await deleteClosedDay(tx, r.id, day))) throw new NotFoundError(`Closed day ${day}`);
    await touchCalendar(tx, r.id, ctx.clock.now());
    ctx.log.info({ userId: ctx.user.id, change: { day } }, 'closed day removed');
    return view(await requireCalendar(tx), Number(day.slice(0, 4)));
  });
}
