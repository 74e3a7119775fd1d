// The inbound worker: claims due inbound_events (SKIP LOCKED, leased), runs each source's processor, and records
// processed / ignored / review, or failed with backoff and dead after the last attempt.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimDueInbound, resolveInboundEvent, type InboundResolution } from '../db/inboundRepo';
import { outboxBackoffMs } from './outboxBackoff';
import { INBOUND_PROCESSORS } from './inboundProcessors';
import { PermanentInboundError, type InboundEvent, type InboundProcessor } from './inboundTypes';
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

async function handle(event: InboundEvent, deps: OutboxDeps, processor: InboundProcessor, maxAttempts: number, random: () => number): Promise<InboundResolution> {
  try {
    const out = await processor(event, deps);
    return { status: out.status, ticketId: out.ticketId ?? null, error: out.reason ?? null };
  } catch (err) {
    if (err instanceof PermanentInboundError) return { status: 'review', error: err.message };
    const dead = event.attempts >= maxAttempts;
    const next = new Date(deps.clock.now().getTime() + outboxBackoffMs(event.attempts, random, INBOUND_BACKOFF_BASE_MS));
    return { status: dead ? 'dead' : 'failed', error: describe(err), nextAttemptAt: dead ? undefined : next };
  }
}

/** Runs one batch of due events, one by one in arrival order. */
export async function processInboundBatch(deps: OutboxDeps, opts: InboundBatchOptions = {}): Promise<InboundBatchResult> {
  const processors = opts.processors ?? INBOUND_PROCESSORS;
  const sources = opts.sources ?? Object.keys(processors);
  const result: InboundBatchResult = { claimed: 0, processed: 0, ignored: 0, review: 0, failed: 0, dead: 0 };
  if (sources.length === 0) return result;
  const workerId = opts.workerId ?? DEFAULT_WORKER_ID;
  const events = await claimDueInbound(deps.db, { now: deps.clock.now(), workerId, limit: opts.limit ?? 50, leaseMs: INBOUND_LEASE_MS, sources });
  result.claimed = events.length;
  for (const event of events) {
    const log = deps.log.child({ inboundId: event.id, source: event.source, attempt: event.attempts });
    const processor = processors[event.source];
    const r: InboundResolution = processor
      ? await handle(event, deps, processor, deps.config.OUTBOX_MAX_ATTEMPTS, opts.random ?? Math.random)
      : { status: 'review', error: `No processor for inbound source "${event.source}"` };
    await resolveInboundEvent(deps.db, event.id, workerId, r, deps.clock.now());
    result[r.status] += 1;
    if (r.status === 'failed' || r.status === 'dead') log.warn({ err: r.error, status: r.status }, 'inbound event not processed');
    else log.info({ status: r.status, ticketId: r.ticketId ?? undefined }, 'inbound event handled');
  }
  return result;
}
