// Local login and logout: verify the password, open a session row, hand back the signed cookie.
import type { AppConfig } from '../config';
import type { Queryable } from '../db';
import { RateLimitError, UnauthorizedError } from '../api/errors';
import { verifyPassword } from './password';
import { clearSessionCookie, sessionCookie, signSession } from './session';
import { createSession, findUserWithPasswordByEmail, revokeSession, type AuthUser } from './userRepo';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, { count: number; first: number }>();

/** Counts failed logins per key (email + address); past the limit the key is refused for the window. */
export function checkLoginRate(key: string, now: number): void {
  const entry = failures.get(key);
  if (entry && now - entry.first < WINDOW_MS && entry.count >= MAX_FAILURES) {
    throw new RateLimitError(Math.ceil((entry.first + WINDOW_MS - now) / 1000));
  }
}

/** Past this many tracked keys, expired entries are dropped, so a flood of made-up emails cannot grow memory. */
export const MAX_TRACKED_KEYS = 10_000;

export function recordFailure(key: string, now: number): void {
  if (failures.size >= MAX_TRACKED_KEYS) {
    for (const [k, e] of failures) if (now - e.first >= WINDOW_MS) failures.delete(k);
  }
  const entry = failures.get(key);
  if (!entry || now - entry.first >= WINDOW_MS) failures.set(key, { count: 1, first: now });
  else entry.count += 1;
}

/** How many keys are being tracked (tests). */
export function trackedLoginKeys(): number {
  return failures.size;
}

export async function login(
  db: Queryable,
  config: AppConfig,
  input: { email: string; password: string; clientKey: string },
  now: Date,
): Promise<{ user: AuthUser; cookie: string; expiresAt: Date }> {
  const key = `${input.email.toLowerCase()}|${input.clientKey}`;
  checkLoginRate(key, now.getTime());
  const found = await findUserWithPasswordByEmail(db, input.email);
  const ok = found ? await verifyPassword(input.password, found.passwordHash) : false;
  if (!found || !ok) {
    recordFailure(key, now.getTime());
    throw new UnauthorizedError('Email or password is incorrect');
  }
  failures.delete(key);
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
