// POST /api/ticketing/tickets-assign: assign, reassign or unassign, with assignment history.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { assignTicket } from '@/src/modules/ticketing/services/ticketWorkflowService';
import { assignSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({ access: 'tickets:assign', summary: 'Assign or reassign a ticket', body: assignSchema, handler: (ctx) => assignTicket(ctx, ctx.body) }),
});
