// The contract between the inbound worker and each channel's processor (WhatsApp, QContact, email, ...).
import type { InboundEvent } from '../db/inboundRepo';
import type { OutboxDeps } from './outboxTypes';

export type { InboundEvent };

/** What processing an event came to. Throwing instead means "try again later" (backoff, then dead). */
export interface InboundOutcome {
  /** processed: acted on; ignored: deliberately not acted on (echo, unknown event); review: needs a person. */
  status: 'processed' | 'ignored' | 'review';
  /** The ticket the event opened or joined, if any. */
  ticketId?: string | null;
  /** Why it was ignored or needs review (shown in the review queue). */
  reason?: string;
}

export type InboundProcessor = (event: InboundEvent, deps: OutboxDeps) => Promise<InboundOutcome>;

/** Thrown by a processor when retrying cannot help (unparseable payload): the event goes to review with the reason. */
export class PermanentInboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentInboundError';
  }
}
