// GET or POST /api/ticketing/cron-outbox: runs one outbox batch for serverless schedulers (CRON_SECRET as Bearer or x-cron-secret).
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { runOutboxCron } from '@/src/modules/ticketing/jobs/outboxService';

export const config = { api: { bodyParser: false } };

// Vercel Cron calls the path with GET and `Authorization: Bearer $CRON_SECRET`; other schedulers POST.
const run = method({
  // Public to the session/token check: the cron secret is checked by the service (401 when wrong or missing).
  access: 'public',
  summary: 'Deliver one batch of due outbox items (optionally of one kind)',
  query: z.object({ kind: z.string().trim().min(1).max(100).optional() }),
  handler: (ctx) => runOutboxCron(ctx, { authorization: ctx.req.headers.authorization, cronSecret: ctx.req.headers['x-cron-secret'] }, ctx.query.kind ? [ctx.query.kind] : undefined),
});

export default withRoute({ GET: run, POST: run });
