// The SLA report: for one ticket its pauses (with reasons) and fired thresholds; overall, paused time per reason.
import { maskEmail, maskPhone } from '@/src/lib/logger';
import { TZDate } from '@date-fns/tz';
import { ForbiddenError } from '@/src/lib/api/errors';
import { listNotifications } from '../../db/notificationRepo';
import { listPauses, pauseTotals } from '../../db/slaPauseRepo';
import { findTicketSla, listSlaEvents, type TicketSla } from '../../db/slaRepo';
import type { PauseReason } from '../../types/enums';
import type { SlaPause, SlaReport, SlaReportQuery } from '../../types/sla';
import type { ServiceContext } from '../context';
import { isScopedToOwnTickets, hasPermission } from '../permissions';
import { findVisibleTicket } from '../ticketAccess';
import { loadBusinessCalendar } from './calendarService';

function totalsOf(pauses: SlaPause[]): SlaReport['totals'] {
  const by = new Map<PauseReason, { pauses: number; businessMinutes: number }>();
  for (const p of pauses) {
    const t = by.get(p.reason) ?? { pauses: 0, businessMinutes: 0 };
    t.pauses += 1;
    t.businessMinutes += p.pausedBusinessMinutes ?? 0;
    by.set(p.reason, t);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([reason, t]) => ({ reason, ...t }));
}

export async function slaReport(ctx: ServiceContext, q: SlaReportQuery): Promise<SlaReport> {
  if (q.id) {
    // Technicians see only their own tickets; anyone else's is a 404.
    const ticket = await findVisibleTicket(ctx.db, ctx.user, q.id);
    const sla = (await findTicketSla(ctx.db, ticket.id)) as TicketSla;
    const pauses = await listPauses(ctx.db, ticket.id);
    return {
      ticket: { id: ticket.id, ticketUid: ticket.ticketUid, cycle: sla.cycle },
      pauses,
      totals: totalsOf(pauses),
      events: await listSlaEvents(ctx.db, ticket.id),
      // Who was told is for people who run the outbox; others see the channel and outcome, not the address.
      notifications: (await listNotifications(ctx.db, ticket.id)).map((n) =>
        hasPermission(ctx.user.role, 'outbox:read') ? n : { ...n, recipient: n.channel === 'email' ? maskEmail(n.recipient) : maskPhone(n.recipient) },
      ),
    };
  }
  if (isScopedToOwnTickets(ctx.user.role)) throw new ForbiddenError('Technicians see the SLA report of their own tickets only (give id)');
  // from / to are local dates of the business calendar; `to` is inclusive.
  const { timezone } = await loadBusinessCalendar(ctx.db);
  const midnight = (day: string, plusDays = 0) => new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + plusDays, timezone);
  const from = q.from ? midnight(q.from) : null;
  const to = q.to ? midnight(q.to, 1) : null;
  return { ticket: null, pauses: [], totals: await pauseTotals(ctx.db, from, to), events: [], notifications: [] };
}
