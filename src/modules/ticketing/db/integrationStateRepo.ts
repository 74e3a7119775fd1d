// Channel state kept in the database (sync cursors, IMAP uidvalidity and last uid, last run figures) and job
// leases: one runner at a time for a scheduled job across any number of processes, on every driver.
import type { Queryable } from '@/src/lib/db';

export async function getIntegrationState<T = unknown>(q: Queryable, channel: string, key: string): Promise<T | null> {
  const { rows } = await q.query<{ value: T }>('SELECT value FROM integration_state WHERE channel = $1 AND key = $2', [channel, key]);
  return rows[0] ? rows[0].value : null;
}

export async function setIntegrationState(q: Queryable, channel: string, key: string, value: unknown, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO integration_state (channel, key, value, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (channel, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [channel, key, JSON.stringify(value), now],
  );
}

/** Every key of a channel with its value and when it was written. */
export async function listIntegrationState(q: Queryable, channel: string): Promise<Record<string, { value: unknown; updatedAt: string }>> {
  const { rows } = await q.query<{ key: string; value: unknown; updated_at: Date }>(
    'SELECT key, value, updated_at FROM integration_state WHERE channel = $1 ORDER BY key',
    [channel],
  );
  return Object.fromEntries(rows.map((r) => [r.key, { value: r.value, updatedAt: new Date(r.updated_at).toISOString() }]));
}

/**
 * Takes (or renews) the lease on a job when it is free, expired, or already ours. A process that dies holding it
 * loses it when it expires. True when `owner` holds it now.
 */
export async function acquireJobLease(q: Queryable, name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
  const expires = new Date(now.getTime() + ttlMs);
  const { rows } = await q.query<{ owner: string }>(
    `INSERT INTO job_leases (name, owner, expires_at, acquired_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
       acquired_at = CASE WHEN job_leases.owner = EXCLUDED.owner THEN job_leases.acquired_at ELSE EXCLUDED.acquired_at END
       WHERE job_leases.owner = EXCLUDED.owner OR job_leases.expires_at <= $4
     RETURNING owner`,
    [name, owner, expires, now],
  );
  return rows[0]?.owner === owner;
}

export async function releaseJobLease(q: Queryable, name: string, owner: string): Promise<void> {
  await q.query('DELETE FROM job_leases WHERE name = $1 AND owner = $2', [name, owner]);
}

/** A held lease: a long job renews it as it goes (false: it expired and another process took it; stop). */
export interface JobLease {
  renew(): Promise<boolean>;
}

/** Runs fn only while holding the lease; null when another process holds it. The lease is released afterwards. */
export async function withJobLease<T>(q: Queryable, name: string, owner: string, ttlMs: number, now: () => Date, fn: (lease: JobLease) => Promise<T>): Promise<T | null> {
  if (!(await acquireJobLease(q, name, owner, ttlMs, now()))) return null;
  try {
    return await fn({ renew: () => acquireJobLease(q, name, owner, ttlMs, now()) });
  } finally {
    await releaseJobLease(q, name, owner);
  }
}
