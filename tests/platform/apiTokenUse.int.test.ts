// API token lookup: one round trip, and last_used_at written at most once a minute rather than on every call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByApiToken } from '@/src/lib/auth/userRepo';
import { hashApiToken } from '@/src/lib/auth/session';
import { createTestDb, type TestDb } from '../helpers/db';
import { makeUser, type TestUser } from '../helpers/factories';

let tdb: TestDb;
let user: TestUser;

const lastUsed = async (): Promise<string | null> => {
  const { rows } = await tdb.db.query<{ at: Date | null }>('SELECT last_used_at AS at FROM api_tokens WHERE user_id = $1', [user.id]);
  return rows[0].at ? new Date(rows[0].at).toISOString() : null;
};

beforeAll(async () => {
  tdb = await createTestDb();
  user = await makeUser(tdb.db, { role: 'agent' });
});
afterAll(async () => {
  await tdb.drop();
});

describe('findUserByApiToken', () => {
  it('stamps the first use, leaves the stamp alone within the minute, and moves it after', async () => {
    expect(await lastUsed()).toBeNull();
    const hash = hashApiToken(user.token);
    expect((await findUserByApiToken(tdb.db, hash, new Date('2026-11-28T10:00:00Z')))?.id).toBe(user.id);
    expect(await lastUsed()).toBe('2026-11-28T10:00:00.000Z');
    expect((await findUserByApiToken(tdb.db, hash, new Date('2026-11-28T10:00:59Z')))?.email).toBe(user.email);
    expect(await lastUsed()).toBe('2026-11-28T10:00:00.000Z');
    await findUserByApiToken(tdb.db, hash, new Date('2026-11-28T10:01:01Z'));
    expect(await lastUsed()).toBe('2026-11-28T10:01:01.000Z');
  });

  it('finds nobody for an unknown, revoked or expired token', async () => {
    expect(await findUserByApiToken(tdb.db, hashApiToken('ffk_unknown'), new Date())).toBeNull();
    await tdb.db.query("UPDATE api_tokens SET expires_at = '2026-11-28T11:00:00Z' WHERE user_id = $1", [user.id]);
    expect(await findUserByApiToken(tdb.db, hashApiToken(user.token), new Date('2026-11-28T11:00:01Z'))).toBeNull();
    await tdb.db.query('UPDATE api_tokens SET expires_at = NULL, revoked_at = now() WHERE user_id = $1', [user.id]);
    expect(await findUserByApiToken(tdb.db, hashApiToken(user.token), new Date('2026-11-28T10:30:00Z'))).toBeNull();
  });
});
