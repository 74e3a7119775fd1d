// The inbound queue for serverless schedulers (cron-inbound): the same drain the worker runs every tick, within a
// budget that fits a serverless function's time limit.
import { assertCronSecret, type CronHeaders } from '@/src/lib/api/cron';
import type { ServiceContext } from '../services/context';
import { drainInbound, type InboundDrainResult } from './inboundWorker';

export const INBOUND_CRON_BUDGET_MS = 10_000;

export async function runInboundCron(ctx: Omit<ServiceContext, 'user'>, headers: CronHeaders): Promise<InboundDrainResult> {
  assertCronSecret(ctx.config.CRON_SECRET, headers);
  return drainInbound({ db: ctx.db, config: ctx.config, clock: ctx.clock, log: ctx.log }, { budgetMs: INBOUND_CRON_BUDGET_MS });
}
