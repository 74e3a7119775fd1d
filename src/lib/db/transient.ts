// Errors after which a transaction may simply run again: PostgreSQL rolled it back whole (a deadlock victim, a
// serialisation failure), so nothing it did is left.
import type { Logger } from 'pino';

/** A deadlock (40P01) or serialisation failure (40001). */
export const isTransientDbError = (err: unknown): boolean => ['40P01', '40001'].includes(String((err as { code?: unknown } | null)?.code ?? ''));

/** Runs `fn` (one whole transaction) again after a deadlock or serialisation failure, up to `attempts` times in all. */
export async function retryTransient<T>(fn: () => Promise<T>, o: { attempts?: number; log: Logger; what: string }): Promise<T> {
  const attempts = o.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isTransientDbError(err)) throw err;
      o.log.warn({ err: err instanceof Error ? err.message : String(err), attempt }, `${o.what} hit a deadlock: running it again`);
    }
  }
}
