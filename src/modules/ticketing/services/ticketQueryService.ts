// Listing tickets: the caller's filters within what their role may see, one keyset page at a time.
import { ValidationError } from '@/src/lib/api/errors';
import { decodeCursor, listTicketsPage } from '../db/ticketListRepo';
import type { TicketListQuery } from '../types/ticketList';
import type { ServiceContext } from './context';
import { isScopedToOwnTickets } from './permissions';
import { withSla } from './ticketService';
import type { TicketWithSla } from './sla/slaView';

export async function listTickets(ctx: ServiceContext, query: TicketListQuery): Promise<{ tickets: TicketWithSla[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  if (query.cursor && !cursor) {
    throw new ValidationError('Invalid request query', { location: 'query', fields: [{ field: 'cursor', message: 'Unknown paging cursor', code: 'custom' }] });
  }
  const scope = { ownerId: isScopedToOwnTickets(ctx.user.role) ? ctx.user.id : null, userId: ctx.user.id };
  const page = await listTicketsPage(ctx.db, query, scope, cursor);
  return { tickets: await withSla(ctx, ctx.db, page.tickets), nextCursor: page.nextCursor };
}
