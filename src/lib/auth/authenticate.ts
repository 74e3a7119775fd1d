// Who is calling: an API token (Bearer ffk_...), a Clerk session JWT, or the local signed session cookie.
import type { IncomingMessage } from 'node:http';
import { verifyToken } from '@clerk/backend';
import type { AppConfig } from '../config';
import type { Queryable } from '../db';
import { hashApiToken, parseCookies, SESSION_COOKIE, verifySession } from './session';
import { findUserByApiToken, findUserBySession, findUserForClerk, type AuthUser } from './userRepo';

export type { AuthUser };

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.toLowerCase().startsWith('bearer ') ? h.slice(7).trim() : undefined;
}

async function fromClerk(token: string, db: Queryable, config: AppConfig): Promise<AuthUser | null> {
  try {
    const payload = await verifyToken(token, {
      jwtKey: config.CLERK_JWT_KEY,
      authorizedParties: config.CLERK_AUTHORIZED_PARTIES?.split(',').map((s) => s.trim()),
    });
    // v2 session tokens say the session's status: only an active session is a signed-in user (a pending one still
    // has sign-in tasks to finish). v1 tokens carry no status and are issued for active sessions only.
    const status = (payload as { sts?: unknown }).sts;
    if (status !== undefined && status !== 'active') return null;
    const email = typeof payload.email === 'string' ? payload.email : null;
    return await findUserForClerk(db, payload.sub, email);
  } catch {
    return null;
  }
}

export async function authenticate(req: IncomingMessage, db: Queryable, config: AppConfig, now: Date): Promise<AuthUser | null> {
  const token = bearer(req);
  if (token?.startsWith('ffk_')) return findUserByApiToken(db, hashApiToken(token), now);
  const cookies = parseCookies(req.headers.cookie);
  if (config.AUTH_PROVIDER === 'clerk') {
    const jwt = token ?? cookies.__session;
    return jwt ? fromClerk(jwt, db, config) : null;
  }
  const sessionId = verifySession(cookies[SESSION_COOKIE], config.sessionSecret, now);
  return sessionId ? findUserBySession(db, sessionId, now) : null;
}

/** The session id from the local cookie (for logout), when it is validly signed. */
export function sessionIdFromRequest(req: IncomingMessage, config: AppConfig, now: Date): string | null {
  return verifySession(parseCookies(req.headers.cookie)[SESSION_COOKIE], config.sessionSecret, now);
}
