// POST /api/ticketing/tickets-webhook-qcontact: a case pushed by a QContact automation (shared secret header
// X-QContact-Secret). Stored in inbound_events first, de-duplicated by (case id, updated_at); the worker applies it.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { receiveQcontactWebhook } from '@/src/modules/ticketing/services/qcontact/qcontactWebhook';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'public',
    bodyMode: 'stream',
    summary: 'Receive a QContact case (create or update)',
    handler: async (ctx) => {
      const r = await receiveQcontactWebhook(ctx, ctx.req, ctx.req.headers['x-qcontact-secret']);
      return new Reply(r, { status: 202, message: r.duplicate ? 'Already received' : 'Stored' });
    },
  }),
});
