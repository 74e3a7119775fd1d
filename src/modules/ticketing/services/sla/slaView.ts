// The SLA state shown on every ticket response (placeholder derived from stored columns; the SLA engine refines it).
import type { Queryable } from '@/src/lib/db';
import type { SlaStateView, Ticket } from '../../types/tickets';

export type TicketWithSla = Ticket & { sla: SlaStateView };

export function describeSlaFromColumns(t: Ticket): SlaStateView {
  const closed = t.status === 'resolved' || t.status === 'closed' || t.status === 'cancelled';
  const state = !t.dueAt
    ? 'none'
    : t.slaBreachedAt
      ? 'breached'
      : closed
        ? 'met'
        : t.slaPaused
          ? 'paused'
          : t.slaEscalatedAt
            ? 'escalated'
            : t.slaWarningAt
              ? 'warning'
              : 'on_track';
  return {
    state,
    firstResponseDueAt: t.firstResponseDueAt,
    firstRespondedAt: t.firstRespondedAt,
    dueAt: t.dueAt,
    percentElapsed: null,
    responsePercentElapsed: null,
    paused: t.slaPaused,
    breached: t.slaBreachedAt !== null,
    warningAt: t.slaWarningAt,
    escalatedAt: t.slaEscalatedAt,
    breachedAt: t.slaBreachedAt,
  };
}

/** Adds the SLA view to each ticket (one calendar load for the whole list). */
export async function attachSlaViews(_db: Queryable, tickets: Ticket[], _now: Date): Promise<TicketWithSla[]> {
  return tickets.map((t) => ({ ...t, sla: describeSlaFromColumns(t) }));
}
