// SQL for the login throttle: failure counts per key in a fixed window, kept in the database (login_throttle).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db';

/** A digest of what is counted ('account' + email, 'address' + IP): the table holds no personal data. */
export function throttleKey(kind: 'account' | 'address', value: string): string {
  return createHash('sha256').update(`${kind}:${value}`).digest('hex');
}

/** Failures and window start of each key whose window is still open at `since` (window start after it). */
export async function openWindows(db: Queryable, keys: string[], since: Date): Promise<Map<string, { failures: number; windowStartedAt: Date }>> {
  const { rows } = await db.query<{ key: string; failures: number; window_started_at: Date | string }>(
    'SELECT key, failures, window_started_at FROM login_throttle WHERE key = ANY($1::text[]) AND window_started_at > $2',
    [keys, since],
  );
  return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStartedAt: new Date(r.window_started_at) }]));
}

/** Counts one failure for each key; a key whose window closed before `since` starts a new window at `now`. */
export async function recordFailures(db: Queryable, keys: string[], now: Date, since: Date): Promise<void> {
  for (const key of keys) {
    await db.query(
      `INSERT INTO login_throttle (key, failures, window_started_at, last_failure_at) VALUES ($1, 1, $2, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_started_at <= $3 THEN 1 ELSE login_throttle.failures + 1 END,
         window_started_at = CASE WHEN login_throttle.window_started_at <= $3 THEN $2 ELSE login_throttle.window_started_at END,
         last_failure_at = $2`,
      [key, now, since],
    );
  }
  // Closed windows are dead weight: a flood of made-up emails cannot grow the table past one window's worth.
  await db.query('DELETE FROM login_throttle WHERE window_started_at <= $1', [since]);
}

export async function clearKey(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
