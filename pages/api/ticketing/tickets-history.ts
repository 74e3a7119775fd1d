// GET /api/ticketing/tickets-history?id=: the audit log and assignment history of a ticket.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getHistory } from '@/src/modules/ticketing/services/ticketActivityService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:read',
    summary: 'Audit history of a ticket',
    query: z.object({ id: z.string().trim().min(1).max(64) }),
    handler: (ctx) => getHistory(ctx, ctx.query.id),
  }),
});
