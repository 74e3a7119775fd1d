// GET or POST /api/ticketing/cron-sla: runs one SLA sweep for serverless schedulers (CRON_SECRET as Bearer or x-cron-secret).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runSlaCron } from '@/src/modules/ticketing/jobs/slaSweep';
import { slaSweepResultSchema } from '@/src/modules/ticketing/types/sla';

export const config = { api: { bodyParser: false } };

// Vercel Cron calls the path with GET and `Authorization: Bearer $CRON_SECRET`; other schedulers POST.
const run = method({
  // Public to the session/token check: the cron secret is checked by the job (401 when wrong or missing).
  access: 'public',
  summary: 'Fire the SLA warnings, escalations and breaches that are due',
  response: slaSweepResultSchema,
  handler: (ctx) => runSlaCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }),
});

export default withRoute({ GET: run, POST: run });
