// POST /api/ticketing/billing-actuals?uid=: record the hours, parts and travel approved billable work actually took.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { recordTicketActuals } from '@/src/modules/ticketing/services/billing/actualsService';
import { actualsBodySchema, uidQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'billing:actuals',
    summary: 'Record actual hours, parts and travel (priced from the estimate’s fee row)',
    query: uidQuerySchema,
    body: actualsBodySchema,
    handler: (ctx) => recordTicketActuals(ctx, ctx.query.uid, ctx.body),
  }),
});
