// /api/ticketing/tickets-detail?id=<id or UID>: read, update (with version), soft delete (admin).
import { z } from 'zod';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { deleteTicket, getTicket, updateTicket } from '@/src/modules/ticketing/services/ticketService';
import { updateTicketSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

const query = z.object({ id: z.string().trim().min(1, 'id (ticket id or UID) is required').max(64) });

export default withRoute({
  GET: method({ access: 'tickets:read', summary: 'Get one ticket', query, handler: (ctx) => getTicket(ctx, ctx.query.id) }),
  PATCH: method({
    access: 'tickets:update',
    summary: 'Update a ticket (optimistic concurrency: send the version you read)',
    query,
    body: updateTicketSchema,
    handler: (ctx) => updateTicket(ctx, ctx.query.id, ctx.body),
  }),
  DELETE: method({
    access: 'tickets:delete',
    summary: 'Soft-delete a ticket',
    query,
    handler: async (ctx) => new Reply(await deleteTicket(ctx, ctx.query.id), { message: 'Ticket deleted' }),
  }),
});
