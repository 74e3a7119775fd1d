// Login rate limiting and session expiry on a manual clock; health when the database is down or behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createPgDb } from '@/src/lib/db/pg';
import { createPgliteDb } from '@/src/lib/db/pglite';
import { setRuntime } from '@/src/lib/runtime';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeUser, type TestUser } from '../helpers/factories';
import { client } from '../helpers/http';

let tdb: TestDb;
let server: TestServer;
let user: TestUser;
const clock = new ManualClock('2026-11-25T08:00:00Z');

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  user = await makeUser(tdb.db, { role: 'finance' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('login rate limiting', () => {
  it('refuses with 429 and Retry-After after 10 failures, until the 15-minute window passes', async () => {
    const api = client(server.url);
    for (let i = 0; i < 10; i++) {
      expect((await api.post('auth-login', { email: user.email, password: `guess-${i}` })).status).toBe(401);
    }
    clock.advanceMinutes(5);
    const limited = await api.post('auth-login', { email: user.email, password: user.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBe(String(10 * 60));
    clock.advanceMinutes(11);
    const ok = await api.post('auth-login', { email: user.email, password: user.password });
    expect(ok.status).toBe(200);
  });

  it('counts per email: another account from the same address is not affected', async () => {
    const other = await makeUser(tdb.db, { role: 'agent' });
    for (let i = 0; i < 10; i++) await client(server.url).post('auth-login', { email: other.email, password: 'nope' });
    expect((await client(server.url).post('auth-login', { email: user.email, password: user.password })).status).toBe(200);
    expect((await client(server.url).post('auth-login', { email: other.email, password: other.password })).status).toBe(429);
  });

  it('a success clears the failures, and failures outside the window start a new count', async () => {
    const u = await makeUser(tdb.db, { role: 'agent' });
    for (let i = 0; i < 9; i++) await client(server.url).post('auth-login', { email: u.email, password: 'nope' });
    expect((await client(server.url).post('auth-login', { email: u.email, password: u.password })).status).toBe(200);
    for (let i = 0; i < 9; i++) await client(server.url).post('auth-login', { email: u.email, password: 'nope' });
    clock.advanceMinutes(16);
    for (let i = 0; i < 9; i++) await client(server.url).post('auth-login', { email: u.email, password: 'nope' });
    expect((await client(server.url).post('auth-login', { email: u.email, password: u.password })).status).toBe(200);
  });

  it('refuses a user without a local password (a Clerk-only account)', async () => {
    const u = await makeUser(tdb.db, { role: 'agent' });
    await tdb.db.query('UPDATE users SET password_hash = NULL WHERE id = $1', [u.id]);
    expect((await client(server.url).post('auth-login', { email: u.email, password: u.password })).status).toBe(401);
  });

  it('refuses an unknown email exactly like a wrong password', async () => {
    const res = await client(server.url).post('auth-login', { email: 'ghost@fibreflow.test', password: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toBe('Email or password is incorrect');
  });
});

describe('sessions', () => {
  it('expire after SESSION_TTL_HOURS', async () => {
    const login = await client(server.url).post('auth-login', { email: user.email, password: user.password });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await client(server.url, { cookie }).get('auth-me')).status).toBe(200);
    clock.advanceMinutes(12 * 60 + 1);
    expect((await client(server.url, { cookie }).get('auth-me')).status).toBe(401);
  });

  it('logout without a session still clears the cookie', async () => {
    const res = await client(server.url).post('auth-logout');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^ff_session=;/);
  });

  it('an expired API token is refused', async () => {
    const u = await makeUser(tdb.db, { role: 'agent' });
    await tdb.db.query('UPDATE api_tokens SET expires_at = $2 WHERE user_id = $1', [u.id, new Date('2026-01-01T00:00:00Z')]);
    expect((await client(server.url, { token: u.token }).get('auth-me')).status).toBe(401);
  });
});

describe('health', () => {
  it('is 200 with the dialect and migration count when all is well', async () => {
    const res = await client(server.url).get<{ status: string; database: { reachable: boolean; dialect: string } }>('health');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'ok', database: { reachable: true, dialect: tdb.db.dialect } });
  });

  it('is 503 naming pending migrations when the schema is behind', async () => {
    const empty = await createPgliteDb('memory://');
    setRuntime({ config: server.config, db: empty, clock });
    try {
      const res = await client(server.url).get<{ status: string; reason: string; migrations: { pending: string[] } }>('health');
      expect(res.status).toBe(503);
      expect(res.body.data.status).toBe('degraded');
      expect(res.body.data.reason).toMatch(/migration\(s\) pending: run npm run db:migrate/);
      expect(res.body.data.migrations.pending).toContain('0001_core.sql');
    } finally {
      setRuntime({ config: server.config, db: tdb.db, clock });
      await empty.close();
    }
  });

  it('is 503 (not 500) with the reason when the database is unreachable', async () => {
    const down = createPgDb('postgres://postgres@127.0.0.1:1/nowhere', 1);
    setRuntime({ config: server.config, db: down, clock });
    try {
      const res = await client(server.url).get('health');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is unreachable',
        details: { database: { reachable: false, dialect: 'pg', reason: 'ECONNREFUSED' } },
      });
    } finally {
      setRuntime({ config: server.config, db: tdb.db, clock });
      await down.close();
    }
  });
});
