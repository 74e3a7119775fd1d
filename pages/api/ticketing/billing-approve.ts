// POST /api/ticketing/billing-approve?uid=: a manager approves billable work (pending_approval -> new); repeating is a no-op.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { approveBilling } from '@/src/modules/ticketing/services/billing/approvalService';
import { approveBodySchema, uidQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'billing:approve',
    summary: 'Approve billable work',
    query: uidQuerySchema,
    body: approveBodySchema,
    handler: async (ctx) => {
      const r = await approveBilling(ctx, ctx.query.uid, ctx.body);
      return new Reply(r, { message: r.changed ? `Billable work on ${r.ticketUid} approved` : `Already approved` });
    },
  }),
});
