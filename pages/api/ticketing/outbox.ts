// /api/ticketing/outbox: the outbound-call review queue (status filter) and retrying a failed or dead item.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { listOutboxItems, retryOutboxItem } from '@/src/modules/ticketing/jobs/outboxService';
import { outboxListQuerySchema, outboxRetryBodySchema } from '@/src/modules/ticketing/types/outbox';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'outbox:read',
    summary: 'List outbox items (meta: counts by status)',
    query: outboxListQuerySchema,
    handler: async (ctx) => {
      const r = await listOutboxItems(ctx, ctx.query);
      return new Reply(r.items, { meta: r.meta });
    },
  }),
  POST: method({
    access: 'outbox:manage',
    summary: 'Retry a failed or dead outbox item',
    body: outboxRetryBodySchema,
    handler: async (ctx) => new Reply(await retryOutboxItem(ctx, ctx.body.id), { message: 'Queued for another try' }),
  }),
});
