// The outbox worker: claims due rows (SKIP LOCKED), runs each kind's handler, and records sent / retry / dead.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimDueOutbox, markOutboxFailed, markOutboxSent } from '../db/outboxRepo';
import { outboxBackoffMs } from './outboxBackoff';
import { OUTBOX_HANDLERS } from './outboxHandlers';
import { PermanentOutboxError, type OutboxDeps, type OutboxHandler, type OutboxItem } from './outboxTypes';

/** A claim older than this is taken to belong to a worker that died mid-delivery, and is claimed again. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
const DEFAULT_WORKER_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

export interface OutboxBatchOptions {
  limit?: number;
  workerId?: string;
  /** The handler registry (default OUTBOX_HANDLERS). */
  handlers?: Record<string, OutboxHandler>;
  /** Jitter source for the backoff (default Math.random). */
  random?: () => number;
  /** Only items of these kinds (default: every kind). */
  kinds?: readonly string[];
}

export interface OutboxBatchResult {
  processed: number;
  sent: number;
  failed: number;
  dead: number;
}

type Outcome = 'sent' | 'failed' | 'dead';

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

async function deliver(item: OutboxItem, deps: OutboxDeps, workerId: string, o: Required<Pick<OutboxBatchOptions, 'handlers' | 'random'>>): Promise<Outcome> {
  const log = deps.log.child({ outboxId: item.id, kind: item.kind, attempt: item.attempts });
  const handler = o.handlers[item.kind];
  try {
    if (!handler) throw new PermanentOutboxError(`No handler for outbox kind "${item.kind}"`);
    const response = await handler(item, deps);
    await markOutboxSent(deps.db, item.id, workerId, response, deps.clock.now());
    log.info('outbox item sent');
    return 'sent';
  } catch (err) {
    const now = deps.clock.now();
    const dead = err instanceof PermanentOutboxError || item.attempts >= item.maxAttempts;
    const nextAttemptAt = new Date(now.getTime() + (dead ? 0 : outboxBackoffMs(item.attempts, o.random)));
    const response = (err as { response?: unknown }).response;
    await markOutboxFailed(deps.db, item.id, workerId, { status: dead ? 'dead' : 'failed', error: describe(err), nextAttemptAt, response, now });
    log.warn({ err: describe(err), dead, nextAttemptAt: dead ? undefined : nextAttemptAt.toISOString() }, dead ? 'outbox item dead' : 'outbox item will be retried');
    return dead ? 'dead' : 'failed';
  }
}

/** Runs one batch: claims up to `limit` due items and delivers them one by one. */
export async function processOutboxBatch(deps: OutboxDeps, opts: OutboxBatchOptions = {}): Promise<OutboxBatchResult> {
  const workerId = opts.workerId ?? DEFAULT_WORKER_ID;
  const now = deps.clock.now();
  const items = await claimDueOutbox(deps.db, {
    now,
    limit: opts.limit ?? 20,
    workerId,
    leaseExpiredBefore: new Date(now.getTime() - OUTBOX_LEASE_MS),
    kinds: opts.kinds,
  });
  const result: OutboxBatchResult = { processed: items.length, sent: 0, failed: 0, dead: 0 };
  const o = { handlers: opts.handlers ?? OUTBOX_HANDLERS, random: opts.random ?? Math.random };
  for (const item of items) result[await deliver(item, deps, workerId, o)] += 1;
  return result;
}
