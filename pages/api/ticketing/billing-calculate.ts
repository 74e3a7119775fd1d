// GET /api/ticketing/billing-calculate: dry-run billing classification for a DR / project / type / priority (the create form).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { calculateBilling } from '@/src/modules/ticketing/services/billing/classificationService';
import { billingCalculateQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'billing:calculate', summary: 'Dry-run billing classification', query: billingCalculateQuerySchema, handler: (ctx) => calculateBilling(ctx, ctx.query) }),
});
