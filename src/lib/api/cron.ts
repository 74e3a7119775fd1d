// Scheduled-job routes prove the caller with CRON_SECRET: `Authorization: Bearer <secret>` or `x-cron-secret`.
import { timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from './errors';

export interface CronHeaders {
  authorization?: string;
  cronSecret?: string | string[];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws 401 unless the headers carry the configured secret (and one is configured at all). */
export function assertCronSecret(expected: string | undefined, headers: CronHeaders): void {
  const bearer = headers.authorization?.toLowerCase().startsWith('bearer ') ? headers.authorization.slice(7).trim() : undefined;
  const given = bearer ?? (typeof headers.cronSecret === 'string' ? headers.cronSecret : undefined);
  if (!expected || !given || !sameSecret(given, expected)) throw new UnauthorizedError('A valid cron secret is required');
}
