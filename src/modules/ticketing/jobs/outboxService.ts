// The outbox as people and schedulers see it: the review list, retrying a failed or dead item, the cron-driven batch.
import { ConflictError, NotFoundError } from '@/src/lib/api/errors';
import { assertCronSecret, type CronHeaders } from '@/src/lib/api/cron';
import { countOutboxByStatus, findOutbox, listOutbox, requeueOutbox, type OutboxEntry } from '../db/outboxRepo';
import type { ServiceContext } from '../services/context';
import type { OutboxListQuery } from '../types/outbox';
import { processOutboxBatch, type OutboxBatchResult } from './outboxWorker';

export async function listOutboxItems(ctx: ServiceContext, query: OutboxListQuery) {
  const [items, counts] = await Promise.all([listOutbox(ctx.db, query), countOutboxByStatus(ctx.db)]);
  return { items, meta: { counts, limit: query.limit, offset: query.offset } };
}

export async function retryOutboxItem(ctx: ServiceContext, id: string): Promise<OutboxEntry> {
  const requeued = await requeueOutbox(ctx.db, id, ctx.clock.now());
  const entry = await findOutbox(ctx.db, id);
  if (!entry) throw new NotFoundError('Outbox item');
  if (!requeued) throw new ConflictError(`Only failed or dead items can be retried; this one is ${entry.status}`, { status: entry.status });
  ctx.log.info({ outboxId: id, kind: entry.kind }, 'outbox item requeued');
  return entry;
}

export async function runOutboxCron(ctx: Omit<ServiceContext, 'user'>, headers: CronHeaders, kinds?: readonly string[]): Promise<OutboxBatchResult> {
  assertCronSecret(ctx.config.CRON_SECRET, headers);
  return processOutboxBatch({ db: ctx.db, config: ctx.config, clock: ctx.clock, log: ctx.log }, { kinds });
}
