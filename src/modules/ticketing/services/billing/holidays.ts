// South African public holidays (date-holidays), as local dates, for after-hours pricing.
import Holidays from 'date-holidays';

const cache = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year as YYYY-MM-DD dates (observed Mondays included). */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    const hd = new Holidays('ZA');
    set = new Set(hd.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    cache.set(year, set);
  }
  return set;
}
