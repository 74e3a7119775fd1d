// GET /api/ticketing/billing-pending-approval: billable work waiting for a manager, oldest first, with cost and reason.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { pendingApprovalQueue } from '@/src/modules/ticketing/services/billing/approvalService';
import { pendingQueueQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'billing:read',
    summary: 'The billing approval queue (meta: count and total estimated value)',
    query: pendingQueueQuerySchema,
    handler: async (ctx) => {
      const queue = await pendingApprovalQueue(ctx, ctx.query);
      return new Reply(queue.items, { meta: queue.meta });
    },
  }),
});
