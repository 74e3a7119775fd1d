// The outbox as people and schedulers see it: the review list, retrying a failed or dead item, the cron-driven batch.
import { timingSafeEqual } from 'node:crypto';
import { ConflictError, NotFoundError, UnauthorizedError } from '@/src/lib/api/errors';
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

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The scheduler proves itself with CRON_SECRET: `Authorization: Bearer <secret>` or `x-cron-secret: <secret>`. */
export function assertCronSecret(expected: string | undefined, headers: { authorization?: string; cronSecret?: string | string[] }): void {
  const bearer = headers.authorization?.toLowerCase().startsWith('bearer ') ? headers.authorization.slice(7).trim() : undefined;
  const given = bearer ?? (typeof headers.cronSecret === 'string' ? headers.cronSecret : undefined);
  if (!expected || !given || !sameSecret(given, expected)) throw new UnauthorizedError('A valid cron secret is required');
}

export async function runOutboxCron(ctx: Omit<ServiceContext, 'user'>, headers: { authorization?: string; cronSecret?: string | string[] }): Promise<OutboxBatchResult> {
  assertCronSecret(ctx.config.CRON_SECRET, headers);
  return processOutboxBatch({ db: ctx.db, config: ctx.config, clock: ctx.clock, log: ctx.log });
}
