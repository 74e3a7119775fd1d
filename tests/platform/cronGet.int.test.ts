// The cron routes answer GET as Vercel Cron calls them (Authorization: Bearer CRON_SECRET), as well as POST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { call } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

let tdb: TestDb;
let server: TestServer;
const secret = { authorization: 'Bearer test-cron-secret-0123456789' };

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('cron routes for serverless schedulers', () => {
  it('run one SLA sweep and one outbox batch on GET with the secret', async () => {
    const sla = await call<{ warned: number }>(server.url, 'GET', 'cron-sla', { headers: secret });
    expect(sla.status).toBe(200);
    expect(sla.body.data).toEqual({ warned: 0, escalated: 0, breached: 0 });
    expect((await call(server.url, 'GET', 'cron-outbox', { headers: secret })).status).toBe(200);
  });

  it('refuse GET without the secret, as POST does', async () => {
    expect((await call(server.url, 'GET', 'cron-sla')).status).toBe(401);
    expect((await call(server.url, 'GET', 'cron-outbox', { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
    expect((await call(server.url, 'PUT', 'cron-outbox', { headers: secret })).status).toBe(405);
  });
});
