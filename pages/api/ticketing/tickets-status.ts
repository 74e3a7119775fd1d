// POST /api/ticketing/tickets-status: a workflow transition; an illegal one is a 409 listing the legal ones.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { changeStatus } from '@/src/modules/ticketing/services/ticketWorkflowService';
import { statusChangeSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({ access: 'tickets:status', summary: 'Change a ticket status', body: statusChangeSchema, handler: (ctx) => changeStatus(ctx, ctx.body) }),
});
