// Dashboard figures: open work by status/source/priority, SLA risk, pending approvals, daily flow, my tickets.
import { addDays, format, startOfDay } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { ServiceContext } from './context';
import { isScopedToOwnTickets } from './permissions';
import type { Queryable } from '@/src/lib/db';
import {
  countMine, countOpenTickets, countPerDay, countSlaStates, readFlowCounters, readOpenCounters, sumPendingApprovals,
  type DayCount, type OpenCountRow, type OpenCounts, type SlaCounts,
} from '../db/statsRepo';
import type { StatsQuery, TicketStats } from '../types/stats';

/** The last `days` local dates (oldest first) ending on `now`'s date in the timezone, and the instant the first began. */
export function dayWindow(now: Date, timezone: string, days: number): { since: Date; dates: string[] } {
  const inTz = { in: tz(timezone) };
  const today = startOfDay(now, inTz);
  const first = addDays(today, -(days - 1), inTz);
  const dates = Array.from({ length: days }, (_, i) => format(addDays(first, i, inTz), 'yyyy-MM-dd', inTz));
  return { since: new Date(first.getTime()), dates };
}

/** One entry per date, zero where nothing happened. */
export function fillDays(dates: string[], counted: DayCount[]): DayCount[] {
  const byDate = new Map(counted.map((c) => [c.date, c]));
  return dates.map((date) => byDate.get(date) ?? { date, created: 0, resolved: 0 });
}

/** Exact conversion of a numeric(…,2) text such as "1234.5" or "-3.25" to integer cents. */
export function numericToCents(value: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a money amount: ${value}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** Folds the counter rows (each non-zero) into the three open breakdowns and the SLA figures. */
export function foldOpenCounters(rows: OpenCountRow[]): { open: OpenCounts; sla: SlaCounts } {
  const open: OpenCounts = { byStatus: {}, bySource: {}, byPriority: {} };
  const sla: SlaCounts = { warning: 0, escalated: 0, breached: 0, paused: 0 };
  const add = (m: Record<string, number>, k: string, n: number) => {
    m[k] = (m[k] ?? 0) + n;
  };
  for (const r of rows) {
    add(open.byStatus, r.status, r.n);
    add(open.bySource, r.source, r.n);
    add(open.byPriority, r.priority, r.n);
    if (r.slaState !== 'none') sla[r.slaState] += r.n;
    if (r.paused) sla.paused += r.n;
  }
  return { open, sla };
}

/** Open work and SLA figures: from the write-kept counters for everyone, from the rows for one assignee. */
async function openAndSla(q: Queryable, assignee: string | null): Promise<{ open: OpenCounts; sla: SlaCounts }> {
  if (assignee === null) return foldOpenCounters(await readOpenCounters(q));
  const [open, sla] = await Promise.all([countOpenTickets(q, assignee), countSlaStates(q, assignee)]);
  return { open, sla };
}

export async function getTicketStats(ctx: ServiceContext, query: StatsQuery): Promise<TicketStats> {
  const timezone = ctx.config.BUSINESS_TIMEZONE;
  const scoped = isScopedToOwnTickets(ctx.user.role);
  // Technicians only ever see their own tickets; an actor without an id then sees nothing rather than everything.
  const assignee = scoped ? (ctx.user.id ?? '00000000-0000-0000-0000-000000000000') : null;
  const { since, dates } = dayWindow(ctx.clock.now(), timezone, query.days);
  const [{ open, sla }, pending, perDay, mine] = await Promise.all([
    openAndSla(ctx.db, assignee),
    sumPendingApprovals(ctx.db, assignee),
    assignee === null ? readFlowCounters(ctx.db, since, timezone) : countPerDay(ctx.db, since, timezone, assignee),
    ctx.user.id ? countMine(ctx.db, ctx.user.id) : Promise.resolve({ open: 0, blocked: 0, breached: 0 }),
  ]);
  const total = Object.values(open.byStatus).reduce((a, b) => a + b, 0);
  return {
    scope: scoped ? 'mine' : 'all',
    timezone,
    open: { total, ...open },
    sla,
    pendingApprovals: { count: pending.count, totalCents: numericToCents(pending.total) },
    perDay: fillDays(dates, perDay),
    mine,
  };
}
