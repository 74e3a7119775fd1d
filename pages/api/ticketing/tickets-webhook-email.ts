// POST /api/ticketing/tickets-webhook-email: a raw RFC 822 message from an inbound-mail service, authenticated by
// X-Webhook-Token. Stored first (keyed by Message-ID), answered 202, parsed by the worker.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { receiveEmailWebhook } from '@/src/modules/ticketing/services/email/emailWebhookService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'public',
    bodyMode: 'stream',
    summary: 'Receive a raw email (message/rfc822, or multipart form field "email"/"body-mime"); header X-Webhook-Token',
    handler: async (ctx) => {
      const r = await receiveEmailWebhook(ctx, ctx.req);
      return new Reply(r, { status: r.duplicate ? 200 : 202, message: r.duplicate ? 'Already received' : 'Stored; it is processed shortly' });
    },
  }),
});
