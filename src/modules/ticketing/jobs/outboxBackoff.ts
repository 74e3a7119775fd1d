// Pure retry timing for the outbox: exponential backoff with "equal jitter", never above the cap.

export const OUTBOX_BACKOFF_BASE_MS = 30_000;
export const OUTBOX_BACKOFF_CAP_MS = 60 * 60_000;

/**
 * Delay before the next try after `attempt` failed tries (1, 2, ...): base x 2^(attempt-1), capped; then a random
 * point in its upper half, so many workers that failed together do not retry together.
 */
export function outboxBackoffMs(attempt: number, random: () => number = Math.random, baseMs = OUTBOX_BACKOFF_BASE_MS, capMs = OUTBOX_BACKOFF_CAP_MS): number {
  const n = Math.max(1, Math.floor(attempt));
  const exp = Math.min(capMs, baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exp / 2 + (r * exp) / 2);
}
