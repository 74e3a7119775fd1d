// /api/ticketing/guarantees: every project's guarantee period (defaults shown), and setting one project's.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { listProjectGuarantees, setProjectGuarantee } from '@/src/modules/ticketing/services/billing/guaranteeService';
import { guaranteeUpsertSchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

const query = z.object({ clientId: z.uuid().optional() });

export default withRoute({
  GET: method({ access: 'billing:read', summary: 'List project guarantee periods', query, handler: (ctx) => listProjectGuarantees(ctx, ctx.query.clientId) }),
  POST: method({ access: 'guarantees:manage', summary: 'Set a project guarantee period', body: guaranteeUpsertSchema, handler: (ctx) => setProjectGuarantee(ctx, ctx.body) }),
});
