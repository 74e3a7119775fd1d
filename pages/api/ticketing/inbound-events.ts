// /api/ticketing/inbound-events: the inbound review queue (by source and status) and retrying or dismissing an event.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { actOnInbound, listInbound } from '@/src/modules/ticketing/services/inboundService';
import { inboundActionBodySchema, inboundListQuerySchema } from '@/src/modules/ticketing/types/integrations';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'inbound:manage',
    summary: 'List inbound events (webhooks, polls) by source and status',
    query: inboundListQuerySchema,
    handler: async (ctx) => {
      const r = await listInbound(ctx, ctx.query);
      return new Reply(r.items, { meta: r.meta });
    },
  }),
  POST: method({
    access: 'inbound:manage',
    summary: 'Retry or dismiss an inbound event from the review queue',
    body: inboundActionBodySchema,
    handler: async (ctx) => new Reply(await actOnInbound(ctx, ctx.body), { message: ctx.body.action === 'retry' ? 'Queued for another try' : 'Dismissed' }),
  }),
});
