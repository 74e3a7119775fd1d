// Login hardening (issue 12 #8): an unknown email costs the same password-hash work as a wrong password, and the
// throttle lives in the database per account and per address, so it holds across processes, restarts and addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { hashToCheck, login } from '@/src/lib/auth/login';
import { verifyPassword } from '@/src/lib/auth/password';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';
import { makeUser, type TestUser } from '../helpers/factories';
import { client } from '../helpers/http';

let tdb: TestDb;
let server: TestServer;
let user: TestUser;
const clock = new ManualClock('2026-11-25T08:00:00Z');

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  user = await makeUser(tdb.db, { role: 'agent' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

const attempt = (email: string, password: string, address: string) => login(tdb.db, testConfig(), { email, password, clientKey: address }, clock.now());
const status = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status ?? 500);

describe('login throttle in the database', () => {
  it('locks the account after 10 failures whatever the source address, and the lock survives a new process', async () => {
    for (let i = 0; i < 10; i++) expect(await status(attempt(user.email, 'nope', `10.0.0.${i}`))).toBe(401);
    // A new address, and a new server process on the same database (the state is in the database, not in memory).
    expect(await status(attempt(user.email, user.password, '10.9.9.9'))).toBe(429);
    const other = await startTestServer({ db: tdb.db, clock });
    try {
      const res = await client(other.url).post('auth-login', { email: user.email.toUpperCase(), password: user.password });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
    expect(await tdb.db.query('SELECT key FROM login_throttle').then((r) => JSON.stringify(r.rows))).not.toContain(user.email);
    clock.advanceMinutes(16);
    expect(await status(attempt(user.email, user.password, '10.9.9.9'))).toBe(200);
  });

  it('limits one address across many accounts (spraying), without locking those accounts elsewhere', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser(tdb.db, { role: 'agent' })));
    for (const u of users) for (let i = 0; i < 9; i++) await status(attempt(u.email, 'nope', '192.0.2.7'));
    expect(await status(attempt(users[0].email, users[0].password, '192.0.2.7'))).toBe(429);
    expect(await status(attempt(users[0].email, users[0].password, '192.0.2.8'))).toBe(200);
    clock.advanceMinutes(16);
  });

  it('checks unknown emails and password-less accounts against a hash of the same cost as a real one', async () => {
    // Not a timed assertion (speed is for benchmarks): the same scrypt parameters mean the same work.
    const stored = (await tdb.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id])).rows[0].password_hash;
    const cost = (h: string) => h.split('$').slice(0, 4).join('$');
    const dummy = await hashToCheck(null);
    expect(cost(dummy)).toBe(cost(stored));
    expect(await hashToCheck({ passwordHash: null })).toBe(dummy);
    expect(await hashToCheck({ passwordHash: stored })).toBe(stored);
    expect(await verifyPassword('', dummy)).toBe(false);
    const clerkOnly = await makeUser(tdb.db, { role: 'agent' });
    await tdb.db.query('UPDATE users SET password_hash = NULL WHERE id = $1', [clerkOnly.id]);
    expect(await status(attempt(clerkOnly.email, clerkOnly.password, '198.51.100.1'))).toBe(401);
    expect(await status(attempt('nobody-here@fibreflow.test', 'x', '198.51.100.1'))).toBe(401);
  });
});
