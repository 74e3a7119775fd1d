// GET /api/ticketing/tickets-stats: the dashboard figures (technicians get their own tickets' figures).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getTicketStats } from '@/src/modules/ticketing/services/statsService';
import { statsQuerySchema, ticketStatsSchema } from '@/src/modules/ticketing/types/stats';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'stats:read',
    query: statsQuerySchema,
    summary: 'Dashboard figures: open tickets, SLA risk, pending approvals, created/resolved per day',
    response: ticketStatsSchema,
    handler: (ctx) => getTicketStats(ctx, ctx.query),
  }),
});
