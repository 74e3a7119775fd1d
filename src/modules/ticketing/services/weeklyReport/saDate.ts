// Pure date reading for the weekly report: Excel serial numbers (1900 date system), Date cells, and text dates as
// South African offices write them (day first: 25/11/2026, 25-11-2026, 25.11.2026, 25 Nov 2026, 25-Nov-26; ISO
// 2026-11-25 and 2026/11/25), optionally with a time. Returns 'YYYY-MM-DD', or null when it is not a date.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  januarie: 1, februarie: 2, maart: 3, mei: 5, junie: 6, julie: 7, augustus: 8, okt: 10, desember: 12, des: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');
const month = (name: string): number | undefined => MONTHS[name.toLowerCase()] ?? MONTHS[name.toLowerCase().slice(0, 3)];

function ymd(y: number, m: number, d: number): string | null {
  const year = y < 100 ? 2000 + y : y;
  if (m < 1 || m > 12 || d < 1 || d > 31 || year < 1990 || year > 2100) return null;
  const dt = new Date(Date.UTC(year, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${year}-${pad(m)}-${pad(d)}`;
}

/** An Excel serial day (1900 system, with its fictitious 29 Feb 1900) as a calendar date. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 80_000) return null;
  const ms = Math.round((Math.floor(serial) - 25569) * 86_400_000);
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function parseSaDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : ymd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value === 'number') return excelSerialToDate(value);
  const s = String(value).trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m)?$/i, '').replace(/T.*$/, '');
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToDate(Number(s));
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[-\s/.]([a-z]{3,9})\.?[-\s/.,]+(\d{2}|\d{4})$/i.exec(s);
  if (m && month(m[2])) return ymd(Number(m[3]), month(m[2]) as number, Number(m[1]));
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s);
  if (m && month(m[1])) return ymd(Number(m[3]), month(m[1]) as number, Number(m[2]));
  return null;
}
