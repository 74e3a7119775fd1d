// POST /api/ticketing/cron-inbound: processes stored inbound events (WhatsApp, ...) for serverless schedulers, batch
// after batch for up to 10 seconds.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runInboundCron } from '@/src/modules/ticketing/jobs/inboundCron';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    // Public to the session/token check: the cron secret is checked by the service (401 when wrong or missing).
    access: 'public',
    summary: 'Process stored inbound events (batches for up to 10 s; more: true when some are still waiting)',
    handler: (ctx) => runInboundCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }),
  }),
});
