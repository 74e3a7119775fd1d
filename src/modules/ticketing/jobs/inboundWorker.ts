// The inbound worker: claims due inbound_events (SKIP LOCKED, leased), runs each source's processor, and records
// processed / ignored / review, or failed with backoff and dead after the last attempt.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { joinTransaction } from '@/src/lib/db';
import { retryTransient } from '@/src/lib/db/transient';
import { claimDueInbound, lockInboundKeys, resolveInboundEvents, type InboundResolution } from '../db/inboundRepo';
import { outboxBackoffMs } from './outboxBackoff';
import { INBOUND_BATCHING, INBOUND_PROCESSORS } from './inboundProcessors';
import { PermanentInboundError, type InboundBatching, type InboundEvent, type InboundOutcome, type InboundProcessor } from './inboundTypes';
import type { OutboxDeps } from './outboxTypes';

/** A claim older than this belongs to a worker that died mid-event: the event is claimed again. */
export const INBOUND_LEASE_MS = 5 * 60_000;
/** First retry after a failure; doubles each time (with jitter), capped at an hour by outboxBackoffMs. */
export const INBOUND_BACKOFF_BASE_MS = 5_000;
const DEFAULT_WORKER_ID = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

export interface InboundBatchOptions {
  limit?: number;
  workerId?: string;
  /** Only these sources (default: every source that has a processor). */
  sources?: readonly string[];
  processors?: Record<string, InboundProcessor>;
  /** Sources whose events may run several to a transaction (default INBOUND_BATCHING; {} runs each alone). */
  batching?: Record<string, InboundBatching>;
  random?: () => number;
}

export interface InboundBatchResult {
  claimed: number;
  processed: number;
  ignored: number;
  review: number;
  failed: number;
  dead: number;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Run {
  deps: OutboxDeps;
  processor: InboundProcessor;
  maxAttempts: number;
  random: () => number;
}

/** Failed with backoff, or dead after the last attempt. */
function later(event: InboundEvent, run: Run, error: string): InboundResolution {
  const dead = event.attempts >= run.maxAttempts;
  const next = new Date(run.deps.clock.now().getTime() + outboxBackoffMs(event.attempts, run.random, INBOUND_BACKOFF_BASE_MS));
  return { status: dead ? 'dead' : 'failed', error, nextAttemptAt: dead ? undefined : next };
}

function settled(event: InboundEvent, run: Run, out: InboundOutcome): InboundResolution {
  if (out.status === 'retry') return later(event, run, out.reason ?? 'Not yet: will retry');
  return { status: out.status, ticketId: out.ticketId ?? null, error: out.reason ?? null };
}

async function handle(event: InboundEvent, run: Run): Promise<InboundResolution> {
  try {
    return settled(event, run, await run.processor(event, run.deps));
  } catch (err) {
    if (err instanceof PermanentInboundError) return { status: 'review', error: err.message };
    return later(event, run, describe(err));
  }
}

/** Several events in one transaction, their locks taken first; null when one threw (all rolled back). */
async function handleTogether(events: InboundEvent[], run: Run, batching: InboundBatching): Promise<InboundResolution[] | null> {
  const { db } = run.deps;
  try {
    return await db.transaction(async (tx) => {
      const keys = events.map((e) => batching.lockKey(e)).filter((k): k is string => k !== null);
      await lockInboundKeys(tx, keys);
      const inTx: Run = { ...run, deps: { ...run.deps, db: joinTransaction(db, tx) } };
      const memo = batching.prefetch ? await batching.prefetch(tx, events) : undefined;
      const held = { locked: new Set(keys), memo };
      const out: InboundResolution[] = [];
      for (const e of events) out.push(settled(e, inTx, await run.processor(e, inTx.deps, held)));
      await batching.finish?.(tx, memo, inTx.deps);
      return out;
    });
  } catch (err) {
    run.deps.log.info({ err: describe(err), events: events.length }, 'inbound run rolled back: its events run one at a time');
    return null;
  }
}

/** How many events from `from` on may share one transaction (same source, no calls out). */
function runLength(events: InboundEvent[], from: number, batching: InboundBatching | undefined): number {
  let n = 0;
  while (batching && from + n < events.length && events[from + n].source === events[from].source && batching.together(events[from + n])) n += 1;
  return n;
}

/**
 * Records a batch's outcomes (one statement). Setting an event's ticket takes a key-share lock on that ticket, so a
 * job locking the same tickets in another order can make it the deadlock's victim: it runs again (up to three times)
 * rather than leave applied events claimed until their lease runs out.
 */
function recordOutcomes(deps: OutboxDeps, workerId: string, rows: { id: string; r: InboundResolution }[]): Promise<Set<string>> {
  return retryTransient(() => resolveInboundEvents(deps.db, workerId, rows, deps.clock.now()), { log: deps.log, what: 'recording inbound outcomes' });
}

/**
 * Runs one batch of due events in arrival order and records their outcomes together at the end (one statement).
 * Consecutive events of a batching source share a transaction; the rest run one at a time. A worker that dies
 * mid-batch leaves its events claimed: after the lease they are claimed again, and the processors recognise what they
 * already applied (a message is known by its WhatsApp id, a case by its version).
 */
export async function processInboundBatch(deps: OutboxDeps, opts: InboundBatchOptions = {}): Promise<InboundBatchResult> {
  const processors = opts.processors ?? INBOUND_PROCESSORS;
  const batchingBySource = opts.batching ?? INBOUND_BATCHING;
  const sources = opts.sources ?? Object.keys(processors);
  const result: InboundBatchResult = { claimed: 0, processed: 0, ignored: 0, review: 0, failed: 0, dead: 0 };
  if (sources.length === 0) return result;
  const workerId = opts.workerId ?? DEFAULT_WORKER_ID;
  const events = await claimDueInbound(deps.db, { now: deps.clock.now(), workerId, limit: opts.limit ?? 50, leaseMs: INBOUND_LEASE_MS, sources });
  result.claimed = events.length;
  const done: InboundResolution[] = [];
  for (let i = 0; i < events.length;) {
    const processor = processors[events[i].source];
    if (!processor) {
      done.push({ status: 'review', error: `No processor for inbound source "${events[i].source}"` });
      i += 1;
      continue;
    }
    const run: Run = { deps, processor, maxAttempts: deps.config.OUTBOX_MAX_ATTEMPTS, random: opts.random ?? Math.random };
    const batching = batchingBySource[events[i].source];
    const n = runLength(events, i, batching);
    const together = n >= 2 ? await handleTogether(events.slice(i, i + n), run, batching as InboundBatching) : null;
    if (together) done.push(...together);
    else for (const e of events.slice(i, i + Math.max(n, 1))) done.push(await handle(e, run));
    i += Math.max(n, 1);
  }
  const held = await recordOutcomes(deps, workerId, events.map((e, i) => ({ id: e.id, r: done[i] })));
  for (const [i, r] of done.entries()) {
    // One line per event, its fields given with it (a child logger per event cost as much as the line).
    const at = { inboundId: events[i].id, source: events[i].source, attempt: events[i].attempts, status: r.status };
    if (!held.has(events[i].id)) deps.log.warn(at, 'inbound event outcome not recorded: another worker took over the lease');
    result[r.status] += 1;
    if (r.status === 'failed' || r.status === 'dead') deps.log.warn({ ...at, err: r.error }, 'inbound event not processed');
    else deps.log.info({ ...at, ticketId: r.ticketId ?? undefined }, 'inbound event handled');
  }
  return result;
}

export interface InboundDrainResult extends InboundBatchResult {
  batches: number;
  /** A loop stopped on the time budget with a full last batch: more is waiting (the worker ticks again at once). */
  more: boolean;
}

/** How long one drain may take before the worker loop comes back (the loops side by side: WORKER_INBOUND_LOOPS). */
export const INBOUND_DRAIN_BUDGET_MS = 5_000;

/**
 * The worker's inbound job: `loops` (WORKER_INBOUND_LOOPS) loops side by side, each taking batch after batch while the
 * last one was full, until the queue is empty or the time budget is spent (then `more` says so and the worker loop
 * comes straight back).
 */
export async function drainInbound(deps: OutboxDeps, opts: InboundBatchOptions & { loops?: number; budgetMs?: number } = {}): Promise<InboundDrainResult> {
  const { loops = deps.config.WORKER_INBOUND_LOOPS, budgetMs = INBOUND_DRAIN_BUDGET_MS, ...batch } = opts;
  const limit = batch.limit ?? 50;
  const until = Date.now() + budgetMs;
  const total: InboundDrainResult = { claimed: 0, processed: 0, ignored: 0, review: 0, failed: 0, dead: 0, batches: 0, more: false };
  await Promise.all(Array.from({ length: Math.max(1, loops) }, async () => {
    for (;;) {
      const r = await processInboundBatch(deps, { ...batch, limit });
      total.batches += 1;
      for (const k of ['claimed', 'processed', 'ignored', 'review', 'failed', 'dead'] as const) total[k] += r[k];
      if (r.claimed < limit) return;
      if (Date.now() >= until) {
        total.more = true;
        return;
      }
    }
  }));
  return total;
}
