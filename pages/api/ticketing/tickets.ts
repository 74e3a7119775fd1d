// GET /api/ticketing/tickets: filtered, keyset-paged list. POST: create a ticket from any source.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createTicket } from '@/src/modules/ticketing/services/ticketService';
import { listTickets } from '@/src/modules/ticketing/services/ticketQueryService';
import { createTicketSchema } from '@/src/modules/ticketing/types/tickets';
import { ticketListQuerySchema } from '@/src/modules/ticketing/types/ticketList';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:read',
    summary: 'List tickets (filters, search, keyset paging)',
    query: ticketListQuerySchema,
    handler: async (ctx) => {
      const page = await listTickets(ctx, ctx.query);
      return new Reply(page.tickets, { meta: { nextCursor: page.nextCursor, limit: ctx.query.limit, count: page.tickets.length } });
    },
  }),
  POST: method({
    access: 'tickets:create',
    summary: 'Create a ticket',
    body: createTicketSchema,
    status: 201,
    handler: async (ctx) => {
      const ticket = await createTicket(ctx, ctx.body);
      return new Reply(ticket, { status: 201, message: `Ticket ${ticket.ticketUid} created` });
    },
  }),
});
