// Pure helpers shared by the CSV and PDF exports: dates in the business timezone, labels, file names, filter text.
import type { ExportFilters } from './ticketSource';

// Building an Intl.DateTimeFormat costs far more than using one (it was a quarter of a CSV export's time): one per
// timezone and shape, kept for the life of the process (formatters are immutable).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function formatInZone(iso: string | Date | null | undefined, timeZone: string, withTime = true): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = formatter(timeZone, withTime).formatToParts(d);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  return withTime ? `${date} ${p.hour}:${p.minute}` : date;
}

/** tickets-2026-11-25-1406.csv: the local time the export was made. */
export function exportFileName(prefix: string, now: Date, timeZone: string, ext: string): string {
  return `${prefix}-${formatInZone(now, timeZone).replace(' ', '-').replace(':', '')}.${ext}`;
}

export function words(value: string | null | undefined): string {
  if (!value) return '';
  const s = value.replace(/_/g, ' ');
  return s[0].toUpperCase() + s.slice(1);
}

const FILTER_LABELS: Record<string, string> = {
  status: 'Status', priority: 'Priority', source: 'Source', type: 'Type', slaState: 'SLA', billingType: 'Billing', assignee: 'Assignee',
  dr: 'DR', project: 'Project', client: 'Client', tag: 'Tag', createdFrom: 'Created from', createdTo: 'Created to', q: 'Search',
};

/** "Status: new, triaged · Priority: high" for the report header; "All tickets" with no filter. */
export function describeFilters(f: ExportFilters): string {
  const out: string[] = [];
  for (const [k, label] of Object.entries(FILTER_LABELS)) {
    const v = (f as Record<string, unknown>)[k];
    if (v === undefined || v === null || v === '') continue;
    out.push(`${label}: ${Array.isArray(v) ? v.map((x) => words(String(x))).join(', ') : String(v)}`);
  }
  return out.length ? out.join(' · ') : 'All tickets';
}

/** Spreadsheet programs run cells starting with = + - @ as formulas: such text gets a leading apostrophe. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
