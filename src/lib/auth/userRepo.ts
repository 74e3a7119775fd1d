// SQL for users, sessions and API tokens: the only place the auth layer touches the database.
import type { Queryable } from '../db';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: string;
  phone: string | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  phone: string | null;
  password_hash?: string | null;
}

const COLS = 'u.id, u.email, u.name, u.role, u.phone';
const toUser = (r: UserRow): AuthUser => ({ id: r.id, email: r.email, name: r.name, role: r.role, phone: r.phone });

export async function findActiveUserById(db: Queryable, id: string): Promise<AuthUser | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLS} FROM users u WHERE u.id = $1 AND u.active`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserWithPasswordByEmail(
  db: Queryable,
  email: string,
): Promise<(AuthUser & { passwordHash: string | null }) | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLS}, u.password_hash FROM users u WHERE lower(u.email) = lower($1) AND u.active`,
    [email],
  );
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash ?? null } : null;
}

/** Finds the user linked to a Clerk user id, linking by email on first sight. */
export async function findUserForClerk(db: Queryable, clerkUserId: string, email: string | null): Promise<AuthUser | null> {
  const byId = await db.query<UserRow>(`SELECT ${COLS} FROM users u WHERE u.clerk_user_id = $1 AND u.active`, [clerkUserId]);
  if (byId.rows[0]) return toUser(byId.rows[0]);
  if (!email) return null;
  const linked = await db.query<UserRow>(
    `UPDATE users u SET clerk_user_id = $1, updated_at = now()
      WHERE lower(u.email) = lower($2) AND u.active AND u.clerk_user_id IS NULL RETURNING ${COLS}`,
    [clerkUserId, email],
  );
  return linked.rows[0] ? toUser(linked.rows[0]) : null;
}

export async function createSession(db: Queryable, userId: string, expiresAt: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, $2) RETURNING id',
    [userId, expiresAt],
  );
  return rows[0].id;
}

export async function findUserBySession(db: Queryable, sessionId: string, now: Date): Promise<AuthUser | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLS} FROM user_sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.active`,
    [sessionId, now],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function revokeSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('UPDATE user_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, now]);
}

/**
 * The token's user, in one round trip. last_used_at is written at most once a minute per token: rewriting it on
 * every request made every call a row write and queued concurrent calls with one token on that row's lock.
 */
export async function findUserByApiToken(db: Queryable, tokenHash: string, now: Date): Promise<AuthUser | null> {
  const { rows } = await db.query<UserRow>(
    `WITH hit AS (
       SELECT t.id AS token_id, t.last_used_at, ${COLS} FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND u.active
     ), touch AS (
       UPDATE api_tokens a SET last_used_at = $2 FROM hit
        WHERE a.id = hit.token_id AND (hit.last_used_at IS NULL OR hit.last_used_at < $2::timestamptz - interval '1 minute')
     )
     SELECT id, email, name, role, phone FROM hit`,
    [tokenHash, now],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function insertApiToken(db: Queryable, userId: string, name: string, tokenHash: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
    [userId, name, tokenHash],
  );
  return rows[0].id;
}
