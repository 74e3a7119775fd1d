// The one way money and dates are written for people, on screen and in server text (billing reasons, notices, PDFs).

const rand = new Intl.NumberFormat('en-ZA', { style: 'currency', currency: 'ZAR', minimumFractionDigits: 2 });

/** Integer cents to South African rand: 107500 -> "R 1 075,00" (en-ZA, non-breaking spaces). */
export function formatRand(cents: number): string {
  return rand.format(cents / 100);
}

const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string): Intl.DateTimeFormat => {
  let f = DAY_FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-ZA', { dateStyle: 'medium', timeZone });
    DAY_FORMATS.set(timeZone, f);
  }
  return f;
};

/** A calendar date ("2026-11-28", a local date with no time) as people read it: "28 Nov 2026". */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return dayFormat('UTC').format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** The local date of an instant in a timezone, as people read it: "28 Nov 2026". */
export function formatDayOf(at: Date, timeZone: string): string {
  return dayFormat(timeZone).format(at);
}

const SHORT_DAY = new Intl.DateTimeFormat('en-ZA', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A calendar date without the year, for chart axes: "2026-11-15" -> "15 Nov". */
export function formatShortDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return SHORT_DAY.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

const INSTANT_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** An instant as people read it in a timezone: "28 Nov 2026, 18:32". */
export function formatInstant(at: Date, timeZone: string): string {
  let f = INSTANT_FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-ZA', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    INSTANT_FORMATS.set(timeZone, f);
  }
  return f.format(at);
}
