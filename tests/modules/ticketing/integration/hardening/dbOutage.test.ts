// Database outages (issue 12 #3): a refused connection and a server that accepts but never answers both give 503 with
// Retry-After in the envelope, within the configured timeouts, on every route; not a 500 and not a hang.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '@/src/lib/db/pg';
import { isDbUnavailable } from '@/src/lib/db/health';
import { createTestDb, type TestDb } from '../../../../helpers/db';
import { makeUser, type TestUser } from '../../../../helpers/factories';
import { client } from '../../../../helpers/http';
import { startTestServer, type TestServer } from '../../../../helpers/server';

let tdb: TestDb;
let user: TestUser;
let silent: Server;
const sockets: Socket[] = [];
beforeAll(async () => {
  tdb = await createTestDb();
  user = await makeUser(tdb.db, { role: 'admin' });
  // Accepts TCP connections and never says a word (a half-open database).
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise<void>((r) => silent.close(() => r()));
  await tdb.drop();
});

async function against(url: string, fn: (server: TestServer) => Promise<void>): Promise<void> {
  const db = createPgDb(url, 2, { connectTimeoutMs: 300, statementTimeoutMs: 500, idleInTransactionTimeoutMs: 1000 });
  const server = await startTestServer({ db });
  try {
    await fn(server);
  } finally {
    await server.close();
    await db.close().catch(() => undefined);
  }
}

const routes: [string, string, unknown?][] = [
  ['GET', 'tickets'],
  ['POST', 'tickets', { source: 'internal', title: 'x' }],
  ['GET', 'tickets-detail?id=FF-000001'],
  ['POST', 'tickets-assign', { id: 'FF-000001', assignedTo: null, version: 1 }],
  ['GET', 'billing-pending-approval'],
  ['GET', 'auth-me'],
];

describe('database outage', () => {
  it('answers 503 with Retry-After when the database refuses connections', async () => {
    await against('postgres://postgres@127.0.0.1:1/nowhere', async (server) => {
      for (const [m, route, body] of routes) {
        const res = await client(server.url, { token: user.token })[m === 'GET' ? 'get' : 'post'](route, ...(m === 'GET' ? [] : [body]) as []);
        expect(res.status, `${m} ${route}`).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(res.body).toMatchObject({ success: false, error: { code: 'SERVICE_UNAVAILABLE' } });
      }
    });
  });

  it('answers 503 within the connect timeout when the database accepts and never answers', async () => {
    await against(`postgres://postgres@127.0.0.1:${(silent.address() as { port: number }).port}/hang`, async (server) => {
      const res = await client(server.url, { token: user.token }).get('tickets');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });

  it('answers 503 when a statement runs past the statement timeout', async () => {
    const url = tdb.url;
    if (!url) {
      // PGlite runs in-process: a statement timeout is a PostgreSQL server's; classify its error code instead.
      expect(isDbUnavailable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true);
      return;
    }
    const db = createPgDb(url, 2, { connectTimeoutMs: 2000, statementTimeoutMs: 200, idleInTransactionTimeoutMs: 1000 });
    try {
      const err = await db.query('SELECT pg_sleep(2)').catch((e: unknown) => e);
      expect(isDbUnavailable(err)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('tells database outages from other errors', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '08006', '57014', '25P03', '53300']) {
      expect(isDbUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
    expect(isDbUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDbUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDbUnavailable(Object.assign(new Error('duplicate'), { code: '23505' }))).toBe(false);
    expect(isDbUnavailable(new Error('boom'))).toBe(false);
    expect(isDbUnavailable(null)).toBe(false);
  });
});
