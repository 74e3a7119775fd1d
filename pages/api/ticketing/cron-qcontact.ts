// POST /api/ticketing/cron-qcontact: one QContact sync run for serverless schedulers (CRON_SECRET as Bearer or x-cron-secret).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runQcontactCron } from '@/src/modules/ticketing/jobs/qcontactSync';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    // Public to the session/token check: the cron secret is checked by the job (401 when wrong or missing).
    access: 'public',
    summary: 'Run one QContact sync',
    handler: (ctx) => runQcontactCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }),
  }),
});
