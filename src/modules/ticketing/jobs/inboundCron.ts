// One inbound batch for serverless schedulers (cron-inbound): the same worker step `npm start` runs every tick.
import { assertCronSecret, type CronHeaders } from '@/src/lib/api/cron';
import type { ServiceContext } from '../services/context';
import { processInboundBatch, type InboundBatchResult } from './inboundWorker';

export async function runInboundCron(ctx: Omit<ServiceContext, 'user'>, headers: CronHeaders): Promise<InboundBatchResult> {
  assertCronSecret(ctx.config.CRON_SECRET, headers);
  return processInboundBatch({ db: ctx.db, config: ctx.config, clock: ctx.clock, log: ctx.log });
}
