// Database reachability for the health route and the 503 the wrapper answers when the database is down.
import type { Queryable } from './types';

/** A short, safe reason for a database failure: the driver's error code or the error's name, never its text. */
export function dbFailureReason(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (e && typeof e.code === 'string' && e.code) return e.code;
  if (e && typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  return 'unreachable';
}

export interface DbCheck {
  reachable: boolean;
  latencyMs: number;
  reason?: string;
}

/** Runs SELECT 1, giving up after timeoutMs (a half-open connection must not hang the health check). */
export async function checkDatabase(db: Queryable, timeoutMs = 3000, now: () => number = Date.now): Promise<DbCheck> {
  const started = now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
  });
  try {
    await Promise.race([db.query('SELECT 1'), timeout]);
    return { reachable: true, latencyMs: now() - started };
  } catch (err) {
    return { reachable: false, latencyMs: now() - started, reason: dbFailureReason(err) };
  } finally {
    clearTimeout(timer);
  }
}
