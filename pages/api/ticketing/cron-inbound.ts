// POST /api/ticketing/cron-inbound: processes one batch of stored inbound events (WhatsApp, ...) for serverless schedulers.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runInboundCron } from '@/src/modules/ticketing/jobs/inboundCron';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    // Public to the session/token check: the cron secret is checked by the service (401 when wrong or missing).
    access: 'public',
    summary: 'Process one batch of stored inbound events',
    handler: (ctx) => runInboundCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }),
  }),
});
