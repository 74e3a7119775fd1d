// The SLA state shown on every ticket response: due times, percent of each target used, paused, breached, state.
import type { Queryable } from '@/src/lib/db';
import { findTicketSlas, type TicketSla } from '../../db/slaRepo';
import { slaReadWithTicket } from '../../db/ticketRows';
import type { SlaState } from '../../types/enums';
import type { SlaStateView, Ticket } from '../../types/tickets';
import { AROUND_THE_CLOCK, slaClock, type BusinessCalendar } from './businessCalendar';
import { loadBusinessCalendar } from './calendarService';
import { signedBusinessMinutes } from './slaCalculator';

export type TicketWithSla = Ticket & { sla: SlaStateView };

const STOPPED = ['resolved', 'closed', 'cancelled'];

/**
 * Percent of a target used at `at`: with due = created + target + pauses (business time), the time used is the
 * target minus what is left before due (or plus what is past it). One decimal.
 */
function percentAt(clock: BusinessCalendar, targetSeconds: number, due: Date, at: Date): number {
  const left = signedBusinessMinutes(clock, at, due);
  return Math.round(((targetSeconds / 60 - left) / (targetSeconds / 60)) * 1000) / 10;
}

/** Where the clock of an unfinished target stands: the moment it stopped (finished, blocked) or now. */
function clockAt(t: Ticket, s: TicketSla, now: Date): Date {
  if (STOPPED.includes(t.status)) return s.resolvedAt ?? s.closedAt ?? s.updatedAt;
  return s.paused && s.pausedAt ? s.pausedAt : now;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** Pure: the SLA view of one ticket from its stored SLA state. */
export function describeSla(calendar: BusinessCalendar, t: Ticket, s: TicketSla, now: Date): SlaStateView {
  const base = {
    firstResponseDueAt: t.firstResponseDueAt,
    firstRespondedAt: t.firstRespondedAt,
    dueAt: t.dueAt,
    paused: t.slaPaused,
    warningAt: t.slaWarningAt,
    escalatedAt: t.slaEscalatedAt,
  };
  if (!s.source) {
    return { ...base, state: 'none', percentElapsed: null, responsePercentElapsed: null, breached: false, breachedAt: t.slaBreachedAt };
  }
  const clock = slaClock(calendar, s.businessHours !== false);
  const at = clockAt(t, s, now);
  // A target's seconds and its due time are set together.
  const pct = s.resolutionSeconds ? percentAt(clock, s.resolutionSeconds, s.dueAt as Date, at) : null;
  const responding = !s.firstRespondedAt;
  const rpct = s.responseSeconds ? percentAt(clock, s.responseSeconds, s.firstResponseDueAt as Date, s.firstRespondedAt ?? at) : null;
  // The sweep stamps sla_breached_at for either target; a live percentage over 100 counts before it runs.
  const breachedAt = s.breachedAt;
  const breached = breachedAt !== null || (pct ?? 0) >= 100 || (rpct ?? 0) >= 100;
  const over = (p: number | null, limit: number) => p !== null && p >= limit;
  let state: SlaState;
  if (breached) state = 'breached';
  else if (STOPPED.includes(t.status)) state = t.status === 'cancelled' ? 'none' : 'met';
  else if (s.paused) state = 'paused';
  else if (s.escalatedAt || over(pct, s.escalationPct) || (responding && over(rpct, s.responseEscalationPct))) state = 'escalated';
  else if (s.warningAt || over(pct, s.warningPct) || (responding && over(rpct, s.responseWarningPct))) state = 'warning';
  else state = 'on_track';
  return { ...base, state, percentElapsed: pct, responsePercentElapsed: rpct, breached, breachedAt: iso(breachedAt) };
}

/** Adds the SLA view to each ticket: the SLA state read with the ticket, else one SLA read for the rest; one calendar load. */
export async function attachSlaViews(db: Queryable, tickets: Ticket[], now: Date): Promise<TicketWithSla[]> {
  if (tickets.length === 0) return [];
  const known = new Map<string, TicketSla>();
  for (const t of tickets) {
    const s = slaReadWithTicket(t);
    if (s) known.set(t.id, s);
  }
  const missing = tickets.filter((t) => !known.has(t.id)).map((t) => t.id);
  const slas = missing.length ? new Map([...known, ...(await findTicketSlas(db, missing))]) : known;
  // Around-the-clock targets need no calendar: skip the read when no ticket counts business hours.
  const needsCalendar = [...slas.values()].some((s) => s.source && s.businessHours);
  const calendar = needsCalendar ? await loadBusinessCalendar(db) : AROUND_THE_CLOCK;
  return tickets.map((t) => ({ ...t, sla: describeSla(calendar, t, slas.get(t.id) as TicketSla, now) }));
}
