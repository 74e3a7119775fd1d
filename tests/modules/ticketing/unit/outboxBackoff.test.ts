// Outbox retry timing: doubling from 30 s, jitter in the upper half, never above the one-hour cap.
import { describe, expect, it } from 'vitest';
import { OUTBOX_BACKOFF_CAP_MS, outboxBackoffMs } from '@/src/modules/ticketing/jobs/outboxBackoff';

describe('outboxBackoffMs', () => {
  it.each([
    [1, 0, 15_000],
    [1, 1, 30_000],
    [2, 0, 30_000],
    [2, 1, 60_000],
    [3, 0.5, 90_000],
    [8, 1, 3_600_000], // 30 s x 2^7 = 64 min, capped at 60
    [50, 0, 1_800_000],
    [50, 1, OUTBOX_BACKOFF_CAP_MS],
  ])('after %i failed tries with jitter %d waits %i ms', (attempt, r, ms) => {
    expect(outboxBackoffMs(attempt, () => r)).toBe(ms);
  });

  it('treats attempt 0 as the first, and clamps a bad random source into [0, 1]', () => {
    expect(outboxBackoffMs(0, () => 0)).toBe(15_000);
    expect(outboxBackoffMs(1, () => 7)).toBe(30_000);
    expect(outboxBackoffMs(1, () => -3)).toBe(15_000);
  });

  it('stays within its bounds with the real random source', () => {
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const ms = outboxBackoffMs(attempt);
      const exp = Math.min(OUTBOX_BACKOFF_CAP_MS, 30_000 * 2 ** (attempt - 1));
      expect(ms).toBeGreaterThanOrEqual(exp / 2);
      expect(ms).toBeLessThanOrEqual(exp);
    }
  });

  it('takes its own base and cap', () => {
    expect(outboxBackoffMs(3, () => 1, 1_000, 2_500)).toBe(2_500);
  });
});
