// npm run bench: list/search/detail latency through the service layer at scale, beside a raw-SQL baseline.
// Uses a fresh PostgreSQL database on DATABASE_URL's server (BENCH_TICKETS rows, default 200000); prints medians.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig, setConfig } from '../src/lib/config';
import { systemClock } from '../src/lib/clock';
import { createPgDb } from '../src/lib/db/pg';
import { migrate } from '../src/lib/db/migrate';
import { rootLogger } from '../src/lib/logger';
import type { Db } from '../src/lib/db';
import type { ServiceContext } from '../src/modules/ticketing/services/context';
import { listTickets } from '../src/modules/ticketing/services/ticketQueryService';
import { getTicket } from '../src/modules/ticketing/services/ticketService';
import { ticketListQuerySchema } from '../src/modules/ticketing/types/ticketList';

const N = Number(process.env.BENCH_TICKETS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function seed(db: Db): Promise<{ adminId: string; sampleUid: string }> {
  const { rows: c } = await db.query<{ id: string }>("INSERT INTO clients (name, code) VALUES ('Fibertime', 'FTM') RETURNING id");
  const { rows: p } = await db.query<{ id: string }>("INSERT INTO projects (client_id, name, code) VALUES ($1, 'Lawley', 'LAW') RETURNING id", [c[0].id]);
  const { rows: u } = await db.query<{ id: string }>("INSERT INTO users (email, name, role) VALUES ('bench@x', 'Bench', 'admin') RETURNING id");
  await db.query(
    `INSERT INTO drops (dr_number, project_id, install_date)
     SELECT 'DR' || (1700000 + g)::text, $1, DATE '2025-01-01' + (g % 600) FROM generate_series(1, 20000) g`,
    [p[0].id],
  );
  await db.query(
    `INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, description, dr_number, project_id, client_id,
                          assigned_to, created_at, updated_at, due_at, billing_type)
     SELECT 'FF-' || lpad(g::text, 7, '0'), (ARRAY['whatsapp','email','internal','construction','qcontact'])[1 + g % 5],
            (ARRAY['fault','maintenance','installation','query'])[1 + g % 4], (ARRAY['low','medium','high','critical'])[1 + g % 4],
            (ARRAY['new','triaged','assigned','in_progress','blocked','resolved','closed'])[1 + g % 7],
            'Fault ' || g || CASE WHEN g % 997 = 0 THEN ' gizzu battery' ELSE ' no signal' END, 'Customer reports loss of signal at drop',
            'DR' || (1700000 + 1 + g % 20000)::text, $1, $2, CASE WHEN g % 3 = 0 THEN $3::uuid END,
            now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, now() + ((g % 500) || ' hours')::interval,
            (ARRAY['guarantee','sla','billable'])[1 + g % 3]
       FROM generate_series(1, $4::int) g`,
    [p[0].id, c[0].id, u[0].id, N],
  );
  await db.exec('ANALYZE');
  return { adminId: u[0].id, sampleUid: `FF-${String(Math.floor(N / 2)).padStart(7, '0')}` };
}

async function main(): Promise<void> {
  const name = `ff_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config = parseConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' });
  setConfig(config);
  const db = createPgDb(url.toString(), 4);
  try {
    await migrate(db);
    console.log(`Seeding ${N} tickets into ${name} ...`);
    const t0 = Date.now();
    const { adminId, sampleUid } = await seed(db);
    console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs per figure, medians in ms.\n`);
    const ctx: ServiceContext = { db, clock: systemClock, config, log: rootLogger(), user: { id: adminId, name: 'Bench', role: 'admin' } };
    const q = (o: Record<string, string>) => ticketListQuerySchema.parse(o);
    const first = await listTickets(ctx, q({ limit: '50' }));
    let deepCursor = first.nextCursor as string;
    for (let i = 0; i < 20; i++) deepCursor = (await listTickets(ctx, q({ limit: '50', cursor: deepCursor }))).nextCursor as string;
    const cases: [string, () => Promise<unknown>, string, unknown[]][] = [
      ['list: newest 50', () => listTickets(ctx, q({ limit: '50' })), 'SELECT * FROM tickets WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51', []],
      ['list: 21st page (keyset)', () => listTickets(ctx, q({ limit: '50', cursor: deepCursor })), 'SELECT * FROM tickets WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC OFFSET 1000 LIMIT 51', []],
      ['list: status+priority filter', () => listTickets(ctx, q({ limit: '50', status: 'in_progress', priority: 'critical' })), "SELECT * FROM tickets WHERE deleted_at IS NULL AND status = 'in_progress' AND priority = 'critical' ORDER BY created_at DESC, id DESC LIMIT 51", []],
      ['list: search "gizzu"', () => listTickets(ctx, q({ limit: '50', q: 'gizzu' })), "SELECT * FROM tickets WHERE search_text LIKE '%gizzu%' ORDER BY created_at DESC, id DESC LIMIT 51", []],
      ['list: by DR', () => listTickets(ctx, q({ limit: '50', dr: 'DR1700042' })), 'SELECT * FROM tickets WHERE dr_number = $1 ORDER BY created_at DESC LIMIT 51', ['DR1700042']],
      ['detail by UID', () => getTicket(ctx, sampleUid), 'SELECT * FROM tickets WHERE ticket_uid = $1', [sampleUid]],
    ];
    console.log('figure'.padEnd(32), 'service ms'.padStart(11), 'raw SQL ms'.padStart(11), 'ratio'.padStart(7));
    for (const [label, fn, sql, params] of cases) {
      const svc = await time(fn);
      const raw = await time(() => db.query(sql, params));
      console.log(label.padEnd(32), svc.toFixed(2).padStart(11), raw.toFixed(2).padStart(11), (svc / raw).toFixed(1).padStart(7));
    }
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
