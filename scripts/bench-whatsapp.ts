// Webhook ingest benchmark (issue 9): signed WAHA webhooks over HTTP into the real tickets-webhook-whatsapp route on
// PostgreSQL, then the inbound worker draining what was stored. Prints accepted webhooks/s and processed events/s.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench-whatsapp.ts
//   BENCH_TICKETS (existing tickets, default 100000), BENCH_WEBHOOKS (default 20000), BENCH_CONNECTIONS (default 8),
//   BENCH_PROCESS (events the worker processes after ingest, default 2000), BENCH_WORKERS (default 2).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, Agent, request } from 'node:http';
import pg from 'pg';

const KEY = 'bench-waha-hmac-key';
const env = process.env;

async function serve(dbUrl: string, port: number): Promise<void> {
  const { parseConfig, setConfig } = await import('../src/lib/config');
  const { setRuntime } = await import('../src/lib/runtime');
  const { createPgDb } = await import('../src/lib/db/pg');
  const { systemClock } = await import('../src/lib/clock');
  const config = parseConfig({ DATABASE_URL: dbUrl, WAHA_WEBHOOK_KEY: KEY, LOG_LEVEL: 'silent', WORKER_ENABLED: 'false', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_POOL_MAX: '10' });
  setConfig(config);
  setRuntime({ config, db: createPgDb(dbUrl, 10), clock: systemClock });
  const route = (await import('../pages/api/ticketing/tickets-webhook-whatsapp')).default;
  createServer((req, res) => void route(req, res)).listen(port, '127.0.0.1', () => process.send?.('ready'));
}

function webhook(i: number, drops: number): string {
  const chat = `2782${String(1_000_000 + (i % 5000)).padStart(7, '0')}@c.us`;
  const id = `false_${chat}_BENCH${i}`;
  const payload = i % 5 === 4
    ? { event: 'message.ack', payload: { id: `true_${chat}_OUT${i}`, ack: 3, fromMe: true } }
    : { event: i % 2 ? 'message' : 'message.any', payload: { id, from: chat, fromMe: false, body: `DR${1_800_001 + (i % drops)} no signal since this morning`, hasMedia: false, source: 'app', _data: { notifyName: 'Bench' } } };
  return JSON.stringify({ id: `evt_${i}`, timestamp: Date.now(), session: 'default', engine: 'WEBJS', ...payload });
}

async function ingest(port: number, total: number, connections: number, drops: number): Promise<{ seconds: number; statuses: Record<number, number>; p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const statuses: Record<number, number> = {};
  const lat: number[] = [];
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = webhook(i, drops);
      const t0 = process.hrtime.bigint();
      const req = request({ host: '127.0.0.1', port, path: '/api/ticketing/tickets-webhook-whatsapp', method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-webhook-hmac': createHmac('sha512', KEY).update(body).digest('hex') } }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < total) await one(next++);
  }));
  const seconds = (Date.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  agent.destroy();
  return { seconds, statuses, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)] };
}

async function main(): Promise<void> {
  const base = env.BENCH_DATABASE_URL ?? env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const tickets = Number(env.BENCH_TICKETS ?? 100_000);
  const total = Number(env.BENCH_WEBHOOKS ?? 20_000);
  const connections = Number(env.BENCH_CONNECTIONS ?? 8);
  const toProcess = Number(env.BENCH_PROCESS ?? 2000);
  const workers = Number(env.BENCH_WORKERS ?? 2);
  const drops = 20_000;
  const name = `ff_bench_wa_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  const { createPgDb } = await import('../src/lib/db/pg');
  const { migrate } = await import('../src/lib/db/migrate');
  const db = createPgDb(dbUrl, workers + 2);
  try {
    await migrate(db);
    const t0 = Date.now();
    const { rows: c } = await db.query<{ id: string }>("INSERT INTO clients (name, code) VALUES ('Fibertime', 'FTM') RETURNING id");
    const { rows: p } = await db.query<{ id: string }>("INSERT INTO projects (client_id, name, code) VALUES ($1, 'Lawley', 'LAW') RETURNING id", [c[0].id]);
    await db.query(`INSERT INTO drops (dr_number, project_id, install_date) SELECT 'DR' || (1800000 + g)::text, $1, DATE '2026-10-01' FROM generate_series(1, ${drops}) g`, [p[0].id]);
    await db.query(
      `INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, dr_number, project_id, client_id, created_at, updated_at, billing_type)
       SELECT 'FF-' || lpad(g::text, 7, '0'), 'internal', 'fault', 'medium', CASE WHEN g % 20 = 0 THEN 'new' ELSE 'closed' END, 'Fault ' || g,
              'DR' || (1800001 + g % ${drops})::text, $1, $2, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, 'guarantee'
         FROM generate_series(1, ${tickets}) g`,
      [p[0].id, c[0].id],
    );
    await db.query('ANALYZE');
    console.log(`database ${name}: ${tickets} tickets, ${drops} drops loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const port = 4600 + Math.floor(Math.random() * 300);
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-whatsapp.ts', '--serve', dbUrl, String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => (child.once('message', () => resolve()), child.once('exit', (code) => reject(new Error(`server exited ${code}`)))));
    await ingest(port, Math.min(500, total), connections, drops); // warm-up (its rows stay: they are de-duplicated by id)
    const r = await ingest(port, total, connections, drops);
    child.kill('SIGTERM');
    const stored = Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events WHERE source = 'whatsapp'")).rows[0].n);
    console.log(`ingest: ${total} signed webhooks over ${connections} keep-alive connections in ${r.seconds.toFixed(2)} s = ${Math.round(total / r.seconds)} accepted/s; p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; statuses ${JSON.stringify(r.statuses)}; ${stored} events stored`);

    const { processInboundBatch } = await import('../src/modules/ticketing/jobs/inboundWorker');
    const { parseConfig } = await import('../src/lib/config');
    const { systemClock } = await import('../src/lib/clock');
    const { rootLogger } = await import('../src/lib/logger');
    const deps = { db, config: parseConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }), clock: systemClock, log: rootLogger().child({}, { level: 'silent' }) };
    let done = 0;
    const p0 = Date.now();
    await Promise.all(Array.from({ length: workers }, async (_, k) => {
      while (done < toProcess) {
        const b = await processInboundBatch(deps, { limit: 50, workerId: `bench-${k}` });
        if (b.claimed === 0) break;
        done += b.claimed;
      }
    }));
    const ps = (Date.now() - p0) / 1000;
    const outcome = (await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM inbound_events GROUP BY status ORDER BY status")).rows;
    console.log(`processing: ${done} events by ${workers} workers in ${ps.toFixed(2)} s = ${Math.round(done / ps)} events/s; ${JSON.stringify(outcome)}`);
    console.log(`keeps up: ${done / ps >= total / r.seconds ? 'yes' : `no at the full ingest rate (processing ${Math.round(done / ps)}/s < ingest ${Math.round(total / r.seconds)}/s); events queue and drain at the processing rate`}`);
  } finally {
    await db.close();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
  }
}

if (process.argv[2] === '--serve') void serve(process.argv[3], Number(process.argv[4]));
else main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
