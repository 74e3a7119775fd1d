// /api/ticketing/tickets-qcontact?id=: a ticket's QContact link (last synced, pending writes, failures); retry a write.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { retryTicketWrite, ticketQcontactState } from '@/src/modules/ticketing/services/qcontact/qcontactAdminService';
import { qcontactRetryBodySchema, ticketRefQuerySchema } from '@/src/modules/ticketing/types/qcontact';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'tickets:read', summary: 'QContact link state of a ticket', query: ticketRefQuerySchema, handler: (ctx) => ticketQcontactState(ctx, ctx.query.id) }),
  POST: method({
    access: 'tickets:update',
    summary: 'Retry a failed or dead QContact write of a ticket',
    query: ticketRefQuerySchema,
    body: qcontactRetryBodySchema,
    handler: async (ctx) => new Reply(await retryTicketWrite(ctx, ctx.query.id, ctx.body.outboxId), { message: 'Queued for another try' }),
  }),
});
