// Signed session cookie: "<session id>.<expiry ms>.<HMAC-SHA256>"; the session row makes logout real.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'ff_session';

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(sessionId: string, expiresAt: Date, secret: string): string {
  const payload = `${sessionId}.${expiresAt.getTime()}`;
  return `${payload}.${sign(payload, secret)}`;
}

/** Returns the session id when the signature is good and the cookie has not expired, else null. */
export function verifySession(value: string | undefined, secret: string, now: Date): string | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [id, exp, mac] = parts;
  const expected = Buffer.from(sign(`${id}.${exp}`, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(exp) > now.getTime())) return null;
  return id;
}

export function sessionCookie(value: string, expiresAt: Date, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expiresAt.toUTCString()}`];
  if (secure) attrs.push('Secure');
  return attrs.join('; ');
}

export function clearSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

// A malformed %-escape in someone else's cookie must not turn every request into a 500.
function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (header ?? '').split(';')) {
    const part = raw.trim();
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = safeDecode(part.slice(eq + 1).trim());
  }
  return out;
}

/** API tokens are random; only their sha256 is stored. */
export function newApiToken(): { token: string; hash: string } {
  const token = `ffk_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
