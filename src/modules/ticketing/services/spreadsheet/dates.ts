// Pure date parsing for operators' spreadsheets: Excel serials (1900 system), Date cells and South African text dates
// (day before month, English and Afrikaans month names, two- or four-digit years, an optional time). Every import
// shares it; an import narrows the years it believes with its own window.
export type DateParse = { ok: true; date: string | null } | { ok: false; error: string };

/** The years a date may fall in; anything outside is "not a date" (a stray number in a date column, a typo). */
export interface YearWindow {
  minYear: number;
  maxYear: number;
}

export const ANY_YEAR: YearWindow = { minYear: 1900, maxYear: 2999 };

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, januarie: 1,
  feb: 2, february: 2, februarie: 2,
  mar: 3, march: 3, mrt: 3, maart: 3,
  apr: 4, april: 4,
  may: 5, mei: 5,
  jun: 6, june: 6, junie: 6,
  jul: 7, july: 7, julie: 7,
  aug: 8, august: 8, augustus: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, okt: 10, oktober: 10,
  nov: 11, november: 11,
  dec: 12, december: 12, des: 12, desember: 12,
};

/** A month name, whole or by its first three letters ('Novem', 'Sept'). */
export const monthOf = (name: string): number | undefined => MONTHS[name] ?? MONTHS[name.slice(0, 3)];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' when y/m/d is a real calendar date (no 31 April, 29 February only in leap years) inside the window. */
export function isoDate(y: number, m: number, d: number, window: YearWindow = ANY_YEAR): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < window.minYear || y > window.maxYear || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was,
 * so serials from 61 on are one day ahead; 25569 is 1970-01-01. Fractions (a time of day) are dropped.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  const days = whole < 60 ? whole - 25568 : whole - 25569;
  const t = new Date(days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** A Date cell from exceljs: the sheet's wall-clock date, which exceljs stores as that date at UTC midnight. */
export function dateCellToIso(value: Date): string | null {
  if (Number.isNaN(value.getTime())) return null;
  return value.toISOString().slice(0, 10);
}

const inWindow = (iso: string | null, w: YearWindow): string | null => {
  if (iso === null) return null;
  const y = Number(iso.slice(0, 4));
  return y >= w.minYear && y <= w.maxYear ? iso : null;
};

const year = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

const TIME = /\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?$/;
const YMD = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ t].*)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ t].*)?$/;
const D_MONTH_Y = /^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([a-z]{3,9})\.?,?[\s/.,-]+(\d{4}|\d{2})$/;
const MONTH_D_Y = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/**
 * South African text dates: 2026/03/07 and 2026-03-07 (year first), 07/03/2026, 7-3-2026, 7.3.26 (day first, the
 * local order; never month first), 7 March 2026, 7 Mar 2026, 25-Nov-26, 7 Maart 2026 (Afrikaans), March 7, 2026;
 * a trailing time (14:30, 2:30 pm, T10:00:00Z) is ignored.
 */
export function parseTextDate(text: string, window: YearWindow = ANY_YEAR): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(TIME, '');
  let m = YMD.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]), window);
  m = DMY.exec(s);
  if (m) return isoDate(year(m[3]), Number(m[2]), Number(m[1]), window);
  m = D_MONTH_Y.exec(s);
  if (m && monthOf(m[2])) return isoDate(year(m[3]), monthOf(m[2]) as number, Number(m[1]), window);
  m = MONTH_D_Y.exec(s);
  if (m && monthOf(m[1])) return isoDate(Number(m[3]), monthOf(m[1]) as number, Number(m[2]), window);
  return null;
}

const isEmpty = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Any cell value as 'YYYY-MM-DD': a Date cell, an Excel serial (number or digits), or text; null when not a date. */
export function parseDate(value: unknown, window: YearWindow = ANY_YEAR): string | null {
  if (isEmpty(value)) return null;
  if (value instanceof Date) return inWindow(dateCellToIso(value), window);
  if (typeof value === 'number') return inWindow(excelSerialToIso(value), window);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? inWindow(excelSerialToIso(Number(t)), window) : parseTextDate(t, window);
}

/** A date column's cell: empty means no date; anything else is a date or an error the operator can act on. */
export function parseSheetDate(value: unknown, window: YearWindow = ANY_YEAR): DateParse {
  if (isEmpty(value)) return { ok: true, date: null };
  const date = parseDate(value, window);
  if (date) return { ok: true, date };
  return { ok: false, error: `"${String(value).slice(0, 40)}" is not a date (use 2026/03/07, 07/03/2026, 7 March 2026 or an Excel date)` };
}
