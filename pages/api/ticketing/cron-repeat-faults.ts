// POST /api/ticketing/cron-repeat-faults: checks queued faults for repeat-fault elements, for serverless schedulers.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runRepeatFaultCron } from '@/src/modules/ticketing/services/network/repeatFaultService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    // Public to the session/token check: the cron secret is checked by the job (401 when wrong or missing).
    access: 'public',
    summary: 'Check new faults against the repeat-fault thresholds',
    handler: (ctx) => runRepeatFaultCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }),
  }),
});
