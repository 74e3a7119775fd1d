// Local login and logout: verify the password (throttled in the database), open a session row, hand back the cookie.
import type { AppConfig } from '../config';
import type { Queryable } from '../db';
import { RateLimitError, UnauthorizedError } from '../api/errors';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';
import { clearKey, openWindows, recordFailures, throttleKey } from './throttleRepo';
import { clearSessionCookie, sessionCookie, signSession } from './session';
import { createSession, findUserWithPasswordByEmail, revokeSession, type AuthUser } from './userRepo';

const WINDOW_MS = 15 * 60_000;
/** Failures per account (from any address) and per source address (across accounts) in one window. */
export const MAX_ACCOUNT_FAILURES = 10;
export const MAX_ADDRESS_FAILURES = 50;

let dummyHash: Promise<string> | undefined;

/**
 * The hash a login attempt is checked against: the account's own, or, for an unknown email or an account without a
 * local password, a throwaway hash with the same cost, so every refusal costs the same scrypt work (no enumeration).
 */
export function hashToCheck(found: { passwordHash: string | null } | null): Promise<string> {
  if (found?.passwordHash) return Promise.resolve(found.passwordHash);
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Throws 429 with Retry-After while the account or the address has used up its failures in the current window. */
async function assertNotThrottled(db: Queryable, limits: [string, number][], now: Date): Promise<void> {
  const open = await openWindows(db, limits.map(([k]) => k), new Date(now.getTime() - WINDOW_MS));
  for (const [key, max] of limits) {
    const w = open.get(key);
    if (w && w.failures >= max) throw new RateLimitError(Math.max(1, Math.ceil((w.windowStartedAt.getTime() + WINDOW_MS - now.getTime()) / 1000)));
  }
}

export async function login(
  db: Queryable,
  config: AppConfig,
  input: { email: string; password: string; clientKey: string },
  now: Date,
): Promise<{ user: AuthUser; cookie: string; expiresAt: Date }> {
  const account = throttleKey('account', input.email.trim().toLowerCase());
  const address = throttleKey('address', input.clientKey);
  await assertNotThrottled(db, [[account, MAX_ACCOUNT_FAILURES], [address, MAX_ADDRESS_FAILURES]], now);
  const found = await findUserWithPasswordByEmail(db, input.email);
  const matches = await verifyPassword(input.password, await hashToCheck(found));
  if (!found?.passwordHash || !matches) {
    await recordFailures(db, [account, address], now, new Date(now.getTime() - WINDOW_MS));
    throw new UnauthorizedError('Email or password is incorrect');
  }
  // A success clears the account's count; the address keeps its own (signing in to one's own account must not
  // reset a spraying address).
  await clearKey(db, account);
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  const sessionId = await createSession(db, found.id, expiresAt);
  // Secure when the app is served over https (APP_URL): a plain-http demo on localhost must still log in.
  const cookie = sessionCookie(signSession(sessionId, expiresAt, config.sessionSecret), expiresAt, config.APP_URL.startsWith('https://'));
  const { passwordHash: _omit, ...user } = found;
  return { user, cookie, expiresAt };
}

export async function logout(db: Queryable, sessionId: string | null, now: Date): Promise<string> {
  if (sessionId) await revokeSession(db, sessionId, now);
  return clearSessionCookie();
}
