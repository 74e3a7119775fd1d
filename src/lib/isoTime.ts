// Strict ISO-8601 checks for dates and instants that reach SQL: four-digit years 0001-9999 and real calendar days
// only, so "March 7", "0" or "+275760-09-13" are a 400 at the edge rather than a failed cast (500) in the database.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;

function realDay(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(2000, m - 1, d));
  // Leap years of the real year: February 29 exists only then.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m === 2 && d === 29) return leap;
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** YYYY-MM-DD naming a real day between 0001 and 9999. */
export function isStrictDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date and time (T or space, as PostgreSQL writes it), optional seconds, fraction and offset. */
export function isStrictTimestamp(s: string): boolean {
  const m = STAMP.exec(s);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59;
}

/** Either of the above: what a date filter accepts. */
export function isStrictDateOrTimestamp(s: string): boolean {
  return isStrictDate(s) || isStrictTimestamp(s);
}
