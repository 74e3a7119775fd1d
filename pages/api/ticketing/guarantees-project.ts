// GET /api/ticketing/guarantees-project?projectId=: one project's guarantee period (90 days when none is set).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getProjectGuarantee } from '@/src/modules/ticketing/services/billing/guaranteeService';
import { projectIdQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'billing:read', summary: 'Get a project guarantee period', query: projectIdQuerySchema, handler: (ctx) => getProjectGuarantee(ctx, ctx.query.projectId) }),
});
