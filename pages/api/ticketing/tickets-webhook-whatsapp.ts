// POST /api/ticketing/tickets-webhook-whatsapp: WAHA's webhook. Signed with X-Webhook-Hmac when WAHA_WEBHOOK_KEY is set;
// stored first (de-duplicated on event and message id), answered 200, processed by the worker.
import { readRawBody } from '@/src/lib/api/body';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { receiveWhatsappWebhook } from '@/src/modules/ticketing/services/whatsapp/webhookService';

export const config = { api: { bodyParser: false } };

const WEBHOOK_LIMIT = 1024 * 1024;

export default withRoute({
  POST: method({
    access: 'public',
    bodyMode: 'stream',
    summary: 'WAHA webhook: WhatsApp messages, acks, edits and revokes (HMAC-SHA512 signed)',
    handler: async (ctx) => {
      const r = await receiveWhatsappWebhook(ctx, await readRawBody(ctx.req, WEBHOOK_LIMIT), ctx.req.headers);
      return new Reply(r, { message: r.duplicate ? 'Already stored' : r.handled ? 'Stored' : 'Stored, not acted on' });
    },
  }),
});
