// The contract between the inbound worker and each channel's processor (WhatsApp, QContact, email, ...).
import type { Queryable } from '@/src/lib/db';
import type { InboundEvent } from '../db/inboundRepo';
import type { OutboxDeps } from './outboxTypes';

export type { InboundEvent };

/** What processing an event came to. Throwing instead means "try again later" (backoff, then dead). */
export interface InboundOutcome {
  /**
   * processed: acted on; ignored: deliberately not acted on (echo, unknown event); review: needs a person; retry: not
   * yet (an ack for a message not recorded yet), nothing written: tried again after the backoff, as a throw would be.
   */
  status: 'processed' | 'ignored' | 'review' | 'retry';
  /** The ticket the event opened or joined, if any. */
  ticketId?: string | null;
  /** Why it was ignored or needs review (shown in the review queue). */
  reason?: string;
}

/** How the worker runs an event: inside a shared transaction that already holds these lock keys (see InboundBatching). */
export interface InboundRunContext {
  locked: ReadonlySet<string>;
  /** What the source's `prefetch` read for the whole run (its own shape), kept current by its processor. */
  memo?: unknown;
}

export type InboundProcessor = (event: InboundEvent, deps: OutboxDeps, run?: InboundRunContext) => Promise<InboundOutcome>;

/**
 * A source whose events the worker may run several to a transaction (one BEGIN/COMMIT and one lock statement for a
 * run of events instead of one each). `together`: the event makes no calls out (those run alone, outside any
 * transaction); `lockKey`: the advisory lock its processing takes (taken for the whole run up front, in one order,
 * so two workers never wait on each other in a circle). A run that throws is rolled back and run one event at a time
 * (without a memo).
 */
export interface InboundBatching {
  together(event: InboundEvent): boolean;
  lockKey(event: InboundEvent): string | null;
  /**
   * Optional: reads at once, after the run's locks are held, what its events would each look up (a few statements for
   * the run instead of one or two per event); handed to every event of the run as `run.memo`.
   */
  prefetch?(tx: Queryable, events: readonly InboundEvent[]): Promise<unknown>;
  /** Optional: after the run's last event, before it commits: writes what its events left for the end (one statement for the run). */
  finish?(tx: Queryable, memo: unknown, deps: OutboxDeps): Promise<void>;
}

/** Thrown by a processor when retrying cannot help (unparseable payload): the event goes to review with the reason. */
export class PermanentInboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentInboundError';
  }
}
