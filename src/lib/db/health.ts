// Database reachability for the health route and the 503 the wrapper answers when the database is down.
import type { Queryable } from './types';

/** A short, safe reason for a database failure: the driver's error code or the error's name, never its text. */
export function dbFailureReason(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (e && typeof e.code === 'string' && e.code) return e.code;
  if (e && typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  return 'unreachable';
}

// Connection failures (node), PostgreSQL classes 08 (connection), 57 (operator intervention: shutdown, statement
// timeout), 53 (insufficient resources: too many connections) and 25P03 (idle-in-transaction timeout).
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '25P03']);
const UNAVAILABLE_MESSAGES = /connection terminated|timeout exceeded when trying to connect|query read timeout|connection timeout|client has encountered a connection error|cannot use a pool after calling end/i;

/** True when an error means the database is down, unreachable or too slow (503 material), not a bug (500). */
export function isDbUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || /^(08|57|53)[0-9A-Z]{3}$/.test(e.code))) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
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
