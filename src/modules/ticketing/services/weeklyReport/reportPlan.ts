// Pure planning of a weekly report: each row's outcome against the tickets that exist. Update by FT reference first,
// then an open ticket on the drop; a drop whose ticket is closed gets a new fault; a row already seen in the file is a
// duplicate; a row that cannot be read is an error with its row number and reason.
import type { TicketStatus } from '../../types/enums';
import { canTransition, isOpen } from '../workflow';
import { parseDate } from '../spreadsheet/dates';
import { REPORT_YEARS } from './headerMatch';
import { CLOSED_REPORT_STATUSES, mapReportStatus } from './statusMap';
import type { RawReportRow } from './reportReader';

export interface ExistingTicket {
  id: string;
  ticketUid: string;
  status: TicketStatus;
  drNumber: string | null;
}

export interface ExistingTickets {
  byUid: ReadonlyMap<string, ExistingTicket>;
  /** Tickets on each drop, newest first. */
  byDrop: ReadonlyMap<string, readonly ExistingTicket[]>;
}

export type RowOutcomeKind = 'update' | 'unchanged' | 'new' | 'duplicate' | 'error';

export interface RowOutcome {
  row: number;
  outcome: RowOutcomeKind;
  reason?: string;
  ftRef?: string | null;
  drNumber?: string | null;
  area?: string | null;
  issue?: string | null;
  date?: string | null;
  status?: TicketStatus;
  reportStatus?: string | null;
  ticketId?: string;
  ticketUid?: string;
  from?: TicketStatus;
}

export type OutcomeCounts = Record<RowOutcomeKind, number>;

const text = (v: unknown) => (v === undefined || v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim() || null);

export function parseFtRef(v: unknown): string | null | undefined {
  const s = text(v);
  if (s === null) return null;
  const m = /^FT\s*-?\s*(\d{3,12})$|^(\d{3,12})$/i.exec(s.replace(/\.0+$/, ''));
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseDr(v: unknown): string | null | undefined {
  const s = text(v);
  if (s === null) return null;
  const m = /^(?:DR\s*-?\s*)?(\d{7})$/i.exec(s.replace(/\.0+$/, ''));
  return m ? `DR${m[1]}` : undefined;
}

/** Reads one row into its fields, or an error outcome. */
export function readRow(r: RawReportRow): RowOutcome {
  const c = r.cells;
  const ftRef = parseFtRef(c.ftRef);
  const drNumber = parseDr(c.drNumber);
  const base = { row: r.rowNumber, area: text(c.area), issue: text(c.issue), reportStatus: text(c.status) };
  if (ftRef === undefined) return { ...base, outcome: 'error', reason: `FT Ref "${text(c.ftRef)}" is not FT followed by digits` };
  if (drNumber === undefined) return { ...base, outcome: 'error', reason: `DR Number "${text(c.drNumber)}" is not DR followed by 7 digits` };
  if (!ftRef && !drNumber) return { ...base, outcome: 'error', reason: 'The row has neither an FT Ref nor a DR Number' };
  const date = c.date === undefined ? null : parseDate(c.date, REPORT_YEARS);
  if (c.date !== undefined && !date) return { ...base, ftRef, drNumber, outcome: 'error', reason: `Date "${text(c.date)}" is not a date` };
  const status = mapReportStatus(base.reportStatus);
  if (!status) return { ...base, ftRef, drNumber, date, outcome: 'error', reason: `Status "${base.reportStatus}" is not in the status table` };
  return { ...base, ftRef, drNumber, date, status, outcome: 'new' };
}

function target(o: RowOutcome, t: ExistingTicket): RowOutcome {
  const to = o.status as TicketStatus;
  const base = { ...o, ticketId: t.id, ticketUid: t.ticketUid, from: t.status };
  if (to === t.status || (to === 'new' && isOpen(t.status))) return { ...base, outcome: 'unchanged' };
  if (canTransition(t.status, to, { role: 'admin' })) return { ...base, outcome: 'update', reason: `${t.status} -> ${to}` };
  return { ...base, outcome: 'unchanged', reason: `The report says ${o.reportStatus}; ${to} cannot follow ${t.status}, left as it is` };
}

export function planReport(rows: readonly RawReportRow[], existing: ExistingTickets): RowOutcome[] {
  const seen = new Map<string, number>();
  const dropsInFile = new Map<string, number>();
  return rows.map((raw) => {
    const o = readRow(raw);
    if (o.outcome === 'error') return o;
    const key = o.ftRef ? `FT${o.ftRef}` : (o.drNumber as string);
    const first = seen.get(key) ?? (!o.ftRef && o.drNumber ? dropsInFile.get(o.drNumber) : undefined);
    if (first !== undefined) return { ...o, outcome: 'duplicate', reason: `Same ${o.ftRef ? 'FT Ref' : 'drop'} as row ${first}` };
    seen.set(key, o.row);
    if (o.drNumber && !dropsInFile.has(o.drNumber)) dropsInFile.set(o.drNumber, o.row);
    const byFt = o.ftRef ? existing.byUid.get(`FT${o.ftRef}`) : undefined;
    if (byFt) return target(o, byFt);
    const onDrop = o.drNumber ? (existing.byDrop.get(o.drNumber) ?? []) : [];
    const open = onDrop.find((t) => isOpen(t.status) && !(t.ticketUid.startsWith('FT') && o.ftRef && t.ticketUid !== `FT${o.ftRef}`));
    if (open) return target(o, open);
    if (CLOSED_REPORT_STATUSES.has(o.status as TicketStatus)) {
      return { ...o, outcome: 'unchanged', reason: `Marked ${o.reportStatus} in the report and no open ticket matches: nothing to open` };
    }
    const closed = onDrop.find((t) => !isOpen(t.status));
    return { ...o, outcome: 'new', reason: closed ? `${closed.ticketUid} on this drop is ${closed.status}: a new fault` : undefined };
  });
}

export function countOutcomes(rows: readonly RowOutcome[]): OutcomeCounts {
  const c: OutcomeCounts = { update: 0, unchanged: 0, new: 0, duplicate: 0, error: 0 };
  for (const r of rows) c[r.outcome] += 1;
  return c;
}
