// Display helpers: human labels for the operator's enumerations, money in rand, dates and durations.
import { formatDay, formatDayOf, formatInstant, formatRand, formatShortDay } from '../services/displayFormat';
import type { BillingType, FaultCause, PauseReason, TicketPriority, TicketSource, TicketStatus, TicketType } from '../types/enums';

export const STATUS_LABEL: Record<TicketStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  assigned: 'Assigned',
  in_progress: 'In progress',
  blocked: 'Blocked',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
  pending_approval: 'Pending approval',
};

export const PRIORITY_LABEL: Record<TicketPriority, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export const SOURCE_LABEL: Record<TicketSource, string> = {
  qcontact: 'QContact',
  whatsapp: 'WhatsApp',
  whatsapp_outbound: 'WhatsApp (outbound)',
  email: 'Email',
  construction: 'Construction',
  internal: 'Internal',
  adhoc: 'Ad hoc',
  weekly_report: 'Weekly report',
};

export const TYPE_LABEL: Record<TicketType, string> = {
  fault: 'Fault',
  maintenance: 'Maintenance',
  installation: 'Installation',
  query: 'Query',
  complaint: 'Complaint',
  other: 'Other',
};

export const BILLING_LABEL: Record<BillingType, string> = { guarantee: 'Guarantee', sla: 'SLA contract', billable: 'Billable' };

export const FAULT_CAUSE_LABEL: Record<FaultCause, string> = {
  workmanship: 'Workmanship',
  material_failure: 'Material failure',
  client_damage: 'Client damage',
  third_party: 'Third party',
  environmental: 'Environmental',
  vandalism: 'Vandalism',
  unknown: 'Unknown',
};

export const PAUSE_REASON_LABEL: Record<PauseReason, string> = {
  waiting_customer: 'Waiting for customer',
  access_denied: 'Access denied',
  parts: 'Waiting for parts',
  permit: 'Waiting for permit',
  weather: 'Weather',
  other: 'Other',
};

/** Looks a value up in a label table, falling back to the raw value with underscores as spaces. */
export function labelOf(table: Record<string, string>, value: string | null | undefined): string {
  if (!value) return '—';
  return table[value] ?? value.replace(/_/g, ' ');
}

/** Integer cents to "R 1 234,50": the same formatter the server writes billing reasons with. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return formatRand(cents);
}

export { formatDay, formatShortDay };

// Times show in the business timezone (the server's BUSINESS_TIMEZONE, sent by auth-me), not the browser's.
let displayZone = 'Africa/Johannesburg';

/** Switches every date on screen to the business timezone; an unknown zone keeps the current one. */
export function setDisplayTimeZone(timeZone: string): void {
  if (timeZone === displayZone) return;
  try {
    new Intl.DateTimeFormat('en-ZA', { timeZone });
    displayZone = timeZone;
  } catch {
    // Keep the previous zone.
  }
}

/** The timezone dates are shown (and date-time inputs are read) in. */
export function displayTimeZone(): string {
  return displayZone;
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? formatInstant(new Date(iso), displayZone) : '—';
}

/** The local date of an instant; a bare calendar date ("2026-11-28") is shown as that day. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDay(iso) : formatDayOf(new Date(iso), displayZone);
}

/** A signed duration in words: "2 h 5 min", "3 d 4 h", "45 min". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  const min = Math.floor(abs / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min`;
}

/** "5 min ago", "in 2 h 3 min". */
export function formatRelative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  return diff >= 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}

/** Rand as typed ("350", "350.5", "1 234,50") to integer cents, or null when it is not an amount. */
export function parseRand(text: string): number | null {
  const t = text.replace(/[\sR]/g, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** Integer cents to the plain decimal an input shows ("350.00"). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
