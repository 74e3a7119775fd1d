// Pure date parsing for operators' spreadsheets: Excel serials, Date cells and South African text dates.
export type DateParse = { ok: true; date: string | null } | { ok: false; error: string };

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

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' when y/m/d is a real calendar date (no 31 April, 29 February only in leap years). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
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

const YMD = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T].*)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/;
const D_MONTH_Y = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/;
const MONTH_D_Y = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/**
 * South African text dates: 2026/03/07 and 2026-03-07 (year first), 07/03/2026 and 7-3-2026 (day first, the
 * local order; never month first), 7 March 2026, 7 Mar 2026, 7 Maart 2026 (Afrikaans), March 7, 2026.
 */
export function parseTextDate(text: string): string | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = YMD.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = D_MONTH_Y.exec(s);
  if (m && MONTHS[m[2]]) return isoDate(Number(m[3]), MONTHS[m[2]], Number(m[1]));
  m = MONTH_D_Y.exec(s);
  if (m && MONTHS[m[1]]) return isoDate(Number(m[3]), MONTHS[m[1]], Number(m[2]));
  return null;
}

/** Any cell value a date column may hold; empty means no date. */
export function parseSheetDate(value: unknown): DateParse {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return { ok: true, date: null };
  let date: string | null = null;
  if (value instanceof Date) date = dateCellToIso(value);
  else if (typeof value === 'number') date = excelSerialToIso(value);
  else if (typeof value === 'string') {
    const t = value.trim();
    date = /^\d+(\.\d+)?$/.test(t) ? excelSerialToIso(Number(t)) : parseTextDate(t);
  }
  if (date) return { ok: true, date };
  return { ok: false, error: `"${String(value).slice(0, 40)}" is not a date (use 2026/03/07, 07/03/2026, 7 March 2026 or an Excel date)` };
}
