// POST /api/ticketing/billing-reject?uid=: a manager rejects billable work (-> cancelled, requester told); repeating is a no-op.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { rejectBilling } from '@/src/modules/ticketing/services/billing/approvalService';
import { rejectBodySchema, uidQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'billing:approve',
    summary: 'Reject billable work (a reason is required)',
    query: uidQuerySchema,
    body: rejectBodySchema,
    handler: async (ctx) => {
      const r = await rejectBilling(ctx, ctx.query.uid, ctx.body);
      return new Reply(r, { message: r.changed ? `Billable work on ${r.ticketUid} rejected` : 'Already rejected' });
    },
  }),
});
