// Listing tickets: the caller's filters within what their role may see, one keyset page at a time.
import { ValidationError } from '@/src/lib/api/errors';
import { decodeCursor, listTicketsPage } from '../db/ticketListRepo';
import type { TicketListQuery } from '../types/ticketList';
import type { ServiceContext } from './context';
import { isScopedToOwnTickets } from './permissions';
import { addDays, startOfLocalDay } from './billing/billingCalculator';
import { withSla } from './ticketService';
import type { TicketWithSla } from './sla/slaView';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Pure: "Created from / to" given as calendar dates are local days in the business timezone, both inclusive:
 * from = that day's local midnight, to = the next day's local midnight (the list compares created_at < to).
 * A full date-time is taken as the instant it names.
 */
export function createdBounds(q: Pick<TicketListQuery, 'createdFrom' | 'createdTo'>, timeZone: string): { createdFrom?: string; createdTo?: string } {
  const at = (d: string | undefined, nextDay: boolean) =>
    d === undefined ? undefined : LOCAL_DATE.test(d) ? startOfLocalDay(nextDay ? addDays(d, 1) : d, timeZone).toISOString() : d;
  return { createdFrom: at(q.createdFrom, false), createdTo: at(q.createdTo, true) };
}

export async function listTickets(ctx: ServiceContext, query: TicketListQuery): Promise<{ tickets: TicketWithSla[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  if (query.cursor && !cursor) {
    throw new ValidationError('Invalid request query', { location: 'query', fields: [{ field: 'cursor', message: 'Unknown paging cursor', code: 'custom' }] });
  }
  const scope = { ownerId: isScopedToOwnTickets(ctx.user.role) ? ctx.user.id : null, userId: ctx.user.id };
  const page = await listTicketsPage(ctx.db, { ...query, ...createdBounds(query, ctx.config.BUSINESS_TIMEZONE) }, scope, cursor);
  return { tickets: await withSla(ctx, ctx.db, page.tickets), nextCursor: page.nextCursor };
}
