// The webhook receiver (npm run receiver): the channels' webhook routes on a bare node:http server, the same handlers
// as under Next.js. In-process on the test database (dispatch, 404, the WhatsApp route's checks and storage), then
// as the real process an operator runs, on the PostgreSQL server, with the worker turning what it stored into a ticket.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '@/src/lib/config';
import { setRuntime } from '@/src/lib/runtime';
import { systemClock } from '@/src/lib/clock';
import { createReceiver, requestPath } from '@/src/lib/http/receiver';
import { moduleLogger } from '@/src/lib/logger';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { RECEIVER_ROUTES } from '@/scripts/receiverRoutes';
import { createServerTestDb, createTestDb, type TestDb } from '../helpers/db';
import { makeDrop, makeProject } from '../helpers/factories';
import { testConfig } from '../helpers/server';

const KEY = 'receiver-test-hmac-key';
const WEBHOOK = '/api/ticketing/tickets-webhook-whatsapp';

function message(id: string, body: string): string {
  return JSON.stringify({
    id: `evt_${id}`, event: 'message', session: 'default',
    payload: { id: `false_27821234567@c.us_${id}`, from: '27821234567@c.us', fromMe: false, source: 'app', body, hasMedia: false, timestamp: 1795938000, _data: { notifyName: 'Thandi' } },
  });
}

function post(base: string, body: string, sign = true): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign) headers['x-webhook-hmac'] = createHmac('sha512', KEY).update(body).digest('hex');
  return fetch(`${base}${WEBHOOK}`, { method: 'POST', headers, body });
}

describe('requestPath', () => {
  it('drops the query string and keeps the path as sent', () => {
    expect(requestPath('/api/ticketing/health?x=1&y=2')).toBe('/api/ticketing/health');
    expect(requestPath('/api/ticketing/health')).toBe('/api/ticketing/health');
    expect(requestPath(undefined)).toBe('/');
  });
});

describe('the receiver in-process', () => {
  let tdb: TestDb;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    tdb = await createTestDb();
    const config = testConfig({ WAHA_WEBHOOK_KEY: KEY });
    setConfig(config);
    setRuntime({ config, db: tdb.db, clock: systemClock });
    const server = createReceiver(RECEIVER_ROUTES);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(async () => {
    await close();
    await tdb.drop();
  });

  const stored = async () => Number((await tdb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events WHERE source = 'whatsapp'")).rows[0].n);

  it('stores a signed webhook once, answering in the API envelope; a redelivery is a duplicate', async () => {
    const body = message('R1', 'DR1234567 no signal');
    const first = await post(base, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ success: true, message: 'Stored' });
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await post(base, body);
    expect(await again.json()).toMatchObject({ success: true, message: 'Already stored', data: { duplicate: true } });
    expect(await stored()).toBe(1);
  });

  it('refuses an unsigned webhook (401) and malformed JSON (400), storing nothing', async () => {
    const before = await stored();
    const unsigned = await post(base, message('R2', 'hello'), false);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    const malformed = await post(base, '{"event": "message", ');
    expect(malformed.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('answers an unknown path 404 and a wrong method 405, both in the envelope', async () => {
    const missing = await fetch(`${base}/api/ticketing/tickets?limit=1`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    const wrong = await fetch(`${base}${WEBHOOK}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const health = await fetch(`${base}/api/ticketing/health`);
    expect(health.status).toBe(200);
  });
});

describe('npm run receiver', () => {
  let server: TestDb & { url: string };
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    server = await createServerTestDb('ff_recv');
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await server.drop();
  });

  it('refuses the embedded database, whose webhooks npm start serves', () => {
    const r = spawnSync(path.join('node_modules', '.bin', 'tsx'), [path.join('scripts', 'receiver.ts')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ff-recv-')) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/npm run receiver needs PostgreSQL \(DATABASE_URL\)/);
  });

  it('takes webhooks on RECEIVER_PORT as its own process; the worker makes them a ticket; SIGTERM stops it cleanly', async () => {
    const project = await makeProject(server.db);
    const drop = await makeDrop(server.db, { projectId: project.id });
    const env: Record<string, string> = { DATABASE_URL: server.url, WAHA_WEBHOOK_KEY: KEY, RECEIVER_PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/receiver.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver did not start: ${out}`)), 60_000);
      child?.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /Webhook receiver on port (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child?.stderr?.on('data', (b: Buffer) => {
        out += b.toString();
      });
      child?.once('exit', (code) => reject(new Error(`the receiver exited with ${code}: ${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await post(base, message('P1', `${drop.drNumber.toLowerCase()} red light on the router`))).status).toBe(200);
    expect((await post(base, message('P2', 'no signal'), false)).status).toBe(401);

    const deps = { db: server.db, config: testConfig({ DATABASE_URL: server.url }), clock: systemClock, log: moduleLogger('test').child({}, { level: 'silent' }) };
    const batch = await processInboundBatch(deps);
    expect(batch).toMatchObject({ claimed: 1, processed: 1 });
    const { rows } = await server.db.query<{ ticket_uid: string; source: string }>('SELECT ticket_uid, source FROM tickets WHERE dr_number = $1', [drop.drNumber]);
    expect(rows).toEqual([{ ticket_uid: `${drop.drNumber}-1`, source: 'whatsapp' }]);

    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
