// The route wrapper over real HTTP: dispatch, auth, validation, body limits, every error class -> HTTP, request ids.
import { createServer, type Server } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouteWrapper, method, Reply, STREAMED } from '@/src/lib/api/route';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  UnprocessableError,
} from '@/src/lib/api/errors';
import { readJsonBody } from '@/src/lib/api/body';
import { setConfig } from '@/src/lib/config';
import { setRuntime } from '@/src/lib/runtime';
import { systemClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../helpers/db';
import { makeUser, type TestUser } from '../helpers/factories';
import { testConfig } from '../helpers/server';
import { call, client } from '../helpers/http';

const withRoute = createRouteWrapper((user, permission) => permission === 'things:manage' && user.role === 'admin');

const routes = {
  things: withRoute({
    GET: method({
      access: 'authenticated',
      query: z.object({ page: z.coerce.number().int().min(1).default(1), tag: z.array(z.string()).or(z.string()).optional() }),
      handler: async ({ query, user }) => new Reply({ page: query.page, tag: query.tag ?? null, who: user.role }, { meta: { total: 3 } }),
    }),
    POST: method({
      access: 'things:manage',
      body: z.object({ name: z.string().min(2), count: z.number().int().positive() }).strict(),
      status: 201,
      handler: async ({ body }) => ({ created: body.name, count: body.count }),
    }),
    DELETE: method({ access: 'things:manage', handler: async () => undefined }),
  }),
  fail: withRoute({
    GET: method({
      access: 'public',
      query: z.object({ kind: z.string() }),
      handler: async ({ query }) => {
        switch (query.kind) {
          case 'notfound': throw new NotFoundError('Ticket');
          case 'conflict': throw new ConflictError('Stale version', { currentVersion: 4 });
          case 'unprocessable': throw new UnprocessableError('Cannot invoice a guarantee ticket');
          case 'ratelimit': throw new RateLimitError(42);
          case 'toolarge': throw new PayloadTooLargeError(10);
          default: throw new Error('password=hunter2 at db.internal:5432');
        }
      },
    }),
  }),
  reply: withRoute({
    POST: method({
      access: 'public',
      body: z.object({ text: z.string().optional() }),
      handler: async ({ body, user }) =>
        new Reply({ echo: body.text ?? null, anonymous: user === null }, { status: 202, message: 'Queued', headers: { 'X-Extra': 'yes' } }),
    }),
  }),
  stream: withRoute({
    GET: method({
      access: 'public',
      handler: async ({ res }) => {
        res.setHeader('Content-Type', 'text/csv');
        res.end('a,b\n1,2\n');
        return STREAMED;
      },
    }),
    POST: method({
      access: 'public',
      bodyMode: 'stream',
      body: z.unknown(),
      handler: async ({ req }) => ({ read: JSON.stringify(await readJsonBody(req, 16)) }),
    }),
  }),
  broken: withRoute({
    GET: method({
      access: 'public',
      handler: async ({ res }) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('partial');
        throw new Error('late failure');
      },
    }),
  }),
};

let tdb: TestDb;
let server: Server;
let base: string;
let admin: TestUser;
let agent: TestUser;

beforeAll(async () => {
  tdb = await createTestDb();
  const config = testConfig();
  setConfig(config);
  setRuntime({ config, db: tdb.db, clock: systemClock });
  admin = await makeUser(tdb.db, { role: 'admin' });
  agent = await makeUser(tdb.db, { role: 'agent' });
  server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1) as keyof typeof routes;
    void routes[name](req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  setRuntime(undefined);
  await tdb.drop();
});

describe('success envelope', () => {
  it('wraps data with meta (timestamp, request id, extra meta) and validates the query', async () => {
    const res = await client(base, { token: agent.token }).get<{ page: number; who: string; tag: string[] }>('things?page=2&tag=a&tag=b');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, data: { page: 2, who: 'agent', tag: ['a', 'b'] }, meta: { total: 3 } });
    expect(Date.parse(String(res.body.meta.timestamp))).not.toBeNaN();
    expect(res.body.meta.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('uses the method status and returns null data for an empty result', async () => {
    const created = await client(base, { token: admin.token }).post('things', { name: 'pole', count: 2 });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ created: 'pole', count: 2 });
    const del = await client(base, { token: admin.token }).del('things');
    expect(del.status).toBe(200);
    expect(del.body.data).toBeNull();
  });

  it('lets a handler set status, message and headers, and serves public routes anonymously', async () => {
    const res = await client(base).post('reply', { text: 'hi' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ message: 'Queued', data: { echo: 'hi', anonymous: true } });
    expect(res.headers.get('x-extra')).toBe('yes');
    const bad = await client(base, { token: 'ffk_unknown' }).post('reply');
    expect(bad.body.data).toEqual({ echo: null, anonymous: true });
  });

  it('leaves the response to a streaming handler', async () => {
    const res = await fetch(`${base}/stream`);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(await res.text()).toBe('a,b\n1,2\n');
  });
});

describe('errors map to HTTP', () => {
  it('400 with field details for a bad query and a bad body', async () => {
    const q = await client(base, { token: agent.token }).get('things?page=0');
    expect(q.status).toBe(400);
    expect(q.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { location: 'query', fields: [{ field: 'page' }] } });
    const b = await client(base, { token: admin.token }).post('things', { name: 'x', count: -1, extra: true });
    expect(b.status).toBe(400);
    const fields = (b.body.error?.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'count', '(root)']));
  });

  it('401 without credentials, 403 without the permission', async () => {
    const anon = await client(base).get('things');
    expect(anon.status).toBe(401);
    expect(anon.body.error?.code).toBe('UNAUTHORIZED');
    const forbidden = await client(base, { token: agent.token }).post('things', { name: 'pole', count: 1 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error?.code).toBe('FORBIDDEN');
  });

  it('405 with Allow listing the methods', async () => {
    const res = await call(base, 'PUT', 'things', { token: admin.token });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
    expect(res.body.error?.code).toBe('METHOD_NOT_ALLOWED');
  });

  it.each([
    ['notfound', 404, 'NOT_FOUND', 'Ticket not found'],
    ['conflict', 409, 'CONFLICT', 'Stale version'],
    ['unprocessable', 422, 'UNPROCESSABLE', 'Cannot invoice a guarantee ticket'],
    ['toolarge', 413, 'PAYLOAD_TOO_LARGE', 'Too large: the limit is 10 bytes'],
  ])('%s -> %i %s', async (kind, status, code, message) => {
    const res = await client(base).get(`fail?kind=${kind}`);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, error: { code, message } });
  });

  it('keeps conflict details for the client', async () => {
    const res = await client(base).get('fail?kind=conflict');
    expect(res.body.error?.details).toEqual({ currentVersion: 4 });
  });

  it('429 with Retry-After', async () => {
    const res = await client(base).get('fail?kind=ratelimit');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('42');
  });

  it('500 that shows no internals but names the request id', async () => {
    const res = await client(base).get('fail?kind=boom', { headers: { 'x-request-id': 'trace-12345678' } });
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal server error (request trace-12345678)' });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|db\.internal|stack/);
  });

  it('cuts the connection when a handler fails after it started answering', async () => {
    await expect(fetch(`${base}/broken`).then((r) => r.text())).rejects.toThrow();
  });
});

describe('bodies', () => {
  it('415 for a body that is not JSON', async () => {
    const res = await call(base, 'POST', 'things', { token: admin.token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('415 for a body without a Content-Type', async () => {
    const res = await call(base, 'POST', 'things', { token: admin.token, rawBody: Buffer.from('{"name":"pole","count":1}') });
    expect(res.status).toBe(415);
  });

  it('400 for JSON that does not parse', async () => {
    const res = await call(base, 'POST', 'things', { token: admin.token, rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBe('Request body is not valid JSON');
  });

  it('treats a missing or empty body as {}', async () => {
    expect((await client(base).post('reply')).body.data).toEqual({ echo: null, anonymous: true });
    const empty = await call(base, 'POST', 'reply', { rawBody: '', headers: { 'content-type': 'application/json', 'content-length': '0' } });
    expect(empty.status).toBe(202);
  });

  it('413 when the declared length is over the 1 MiB limit', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(1024 * 1024) });
    const res = await call(base, 'POST', 'reply', { rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a chunked body, and 413s a chunked body that grows past the limit', async () => {
    const chunked = (payload: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${base}/stream`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        for (const p of payload) req.write(p);
        req.end();
      });
    const ok = await chunked(['{"a":', '1}']);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).data).toEqual({ read: '{"a":1}' });
    const empty = await chunked([]);
    expect(JSON.parse(empty.body).data).toEqual({ read: '{}' });
    const tooBig = await chunked(['{"a":"', 'x'.repeat(20), '"}']);
    expect(tooBig.status).toBe(413);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await client(base).post('reply', undefined, { headers: { 'x-request-id': 'abc-DEF_123456' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-DEF_123456');
    const replaced = await client(base).post('reply', undefined, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await client(base).post('reply');
    expect(generated.headers.get('x-request-id')).not.toBe(replaced.headers.get('x-request-id'));
  });
});

describe('when the database is unavailable', () => {
  it('answers 503 with the reason and Retry-After, and recovers when it is back', async () => {
    const good = testConfig();
    setRuntime(undefined);
    setConfig(testConfig({ REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj' }));
    const res = await client(base).post('reply');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { reason: 'DbEndpointError' } });
    setConfig(good);
    setRuntime({ config: good, db: tdb.db, clock: systemClock });
    expect((await client(base).post('reply')).status).toBe(202);
  });
});
