// Bench: a full QContact sync of BENCH_QCONTACT_CASES cases (default 5000) against the emulator, on PostgreSQL.
// A fresh database on DATABASE_URL's server; prints wall time, requests made, tickets created, and an unchanged re-sync.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/bench-qcontact.ts
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseConfig, setConfig } from '../src/lib/config';
import { systemClock } from '../src/lib/clock';
import { createPgDb } from '../src/lib/db/pg';
import { migrate } from '../src/lib/db/migrate';
import { rootLogger } from '../src/lib/logger';
import { syncQcontact, type SyncRun } from '../src/modules/ticketing/jobs/qcontactSync';
import { qcontactClientFromConfig } from '../src/modules/ticketing/integrations/qcontact/qcontactConfig';
import { OUR_ASSIGNEE, startQcontactEmulator } from '../emulators/qcontact';

const N = Number(process.env.BENCH_QCONTACT_CASES ?? 5000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface QcontactBenchResult {
  cases: number;
  firstSync: { seconds: number; requests: number; created: number; pages: number; casesPerSecond: number };
  resync: { seconds: number; requests: number; unchanged: number; pages: number };
  /** A forced full sweep with nothing changed: every list page read, nothing fetched or written. */
  fullResync: { seconds: number; requests: number; unchanged: number; pages: number };
}

export async function benchQcontact(cases = N): Promise<QcontactBenchResult> {
  const name = `ff_bench_qc_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const emu = await startQcontactEmulator({ seed: { count: cases, otherShare: 0, now: new Date() } });
  const config = parseConfig({
    DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', QCONTACT_URL: emu.url, QCONTACT_EMAIL: emu.email, QCONTACT_PASSWORD: emu.password,
    QCONTACT_ASSIGNEE_ID: OUR_ASSIGNEE.id,
  });
  setConfig(config);
  const db = createPgDb(url.toString(), 4);
  try {
    await migrate(db);
    const deps = { db, config, clock: systemClock, log: rootLogger().child({}, { level: 'silent' }) };
    const timed = async (full = false) => {
      const client = qcontactClientFromConfig(config);
      const before = emu.requests.length;
      const t0 = process.hrtime.bigint();
      const run = (await syncQcontact(deps, { trigger: 'bench', client: client ?? undefined, full })) as SyncRun;
      return { run, seconds: Number(process.hrtime.bigint() - t0) / 1e9, requests: emu.requests.length - before };
    };
    const first = await timed();
    if (!first.run.ok) throw new Error(`first sync failed: ${first.run.error}`);
    const again = await timed();
    const sweep = await timed(true);
    return {
      cases,
      firstSync: { seconds: first.seconds, requests: first.requests, created: first.run.created, pages: first.run.pages, casesPerSecond: first.run.created / first.seconds },
      resync: { seconds: again.seconds, requests: again.requests, unchanged: again.run.unchanged, pages: again.run.pages },
      fullResync: { seconds: sweep.seconds, requests: sweep.requests, unchanged: sweep.run.unchanged, pages: sweep.run.pages },
    };
  } finally {
    await db.close();
    await emu.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1]?.endsWith('bench-qcontact.ts')) {
  benchQcontact()
    .then((r) => {
      console.log(`QContact full sync of ${r.cases} cases on PostgreSQL (emulator on loopback):`);
      console.log(`  first sync: ${r.firstSync.seconds.toFixed(1)} s, ${r.firstSync.requests} requests, ${r.firstSync.pages} list pages, ${r.firstSync.created} tickets created (${r.firstSync.casesPerSecond.toFixed(0)} cases/s)`);
      console.log(`  unchanged re-sync (stops at the cursor): ${r.resync.seconds.toFixed(2)} s, ${r.resync.requests} requests, ${r.resync.pages} list pages`);
      console.log(`  unchanged full sweep: ${r.fullResync.seconds.toFixed(2)} s, ${r.fullResync.requests} requests, ${r.fullResync.pages} list pages, ${r.fullResync.unchanged} unchanged`);
      console.log(JSON.stringify(r));
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
