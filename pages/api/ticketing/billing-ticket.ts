// GET /api/ticketing/billing-ticket?uid=: one ticket's billing record (classification, estimate, decision, actuals, invoice).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getTicketBilling } from '@/src/modules/ticketing/services/billing/actualsService';
import { uidQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'billing:read', summary: 'A ticket’s billing record', query: uidQuerySchema, handler: (ctx) => getTicketBilling(ctx, ctx.query.uid) }),
});
