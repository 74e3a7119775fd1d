// South African public holidays as local dates, for after-hours pricing: the business calendar's own list.
import { publicHolidays as calendarHolidays } from '../sla/businessCalendar';

const cache = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year as YYYY-MM-DD dates (observed Mondays included). */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(calendarHolidays('ZA', year).keys());
    cache.set(year, set);
  }
  return set;
}
