// SQL for the people tickets are assigned to and notified: list and look up active users.
import type { Queryable } from '@/src/lib/db';

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  role: string;
  phone: string | null;
}

/** id must be a uuid (the request schemas guarantee it). */
export async function findActiveUser(q: Queryable, id: string): Promise<DirectoryUser | null> {
  const { rows } = await q.query<DirectoryUser>(
    'SELECT id, name, email, role, phone FROM users WHERE id = $1 AND active',
    [id],
  );
  return rows[0] ?? null;
}

export async function listActiveUsers(q: Queryable, roles?: string[]): Promise<DirectoryUser[]> {
  const { rows } = await q.query<DirectoryUser>(
    `SELECT id, name, email, role, phone FROM users
      WHERE active AND ($1::text[] IS NULL OR role = ANY($1::text[])) ORDER BY name`,
    [roles && roles.length ? roles : null],
  );
  return rows;
}
