// npm run bench [-- --quick] [-- --keep]: loads a realistic data set into a fresh PostgreSQL database, starts the
// production build (next start) and the bare floor server (bench/floor-server.ts) on it, drives both over HTTP
// with autocannon from this process, prints one table with the ratios and writes JSON to bench/results/.
// BENCH_DATABASE_URL (or DATABASE_URL) names the server; default postgres://postgres@127.0.0.1:5432/postgres.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPgDb } from '../src/lib/db/pg';
import { migrate } from '../src/lib/db/migrate';
import { FULL, loadDataset, QUICK, readDataset, type LoadedDataset } from '../bench/dataset';
import { cpuProfileArgs, load, once, type LoadResult, type OnceResult } from '../bench/measure';
import { SCENARIOS, type BenchContext } from '../bench/scenarios';
import type { ChannelFigures } from '../bench/channels';

const args = new Set(process.argv.slice(2));
// --only=webhook,qcontact runs the scenarios whose names contain one of these words (case-insensitive).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).toLowerCase().split(',').filter(Boolean) ?? [];
const quick = args.has('--quick');
const size = quick ? QUICK : FULL;
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 4 : 15));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const started = Date.now();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = path.join(process.cwd(), 'bench', 'results');
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, f) => Math.max(max, newestMtime(path.join(p, f))), st.mtimeMs);
}

function ensureBuild(): void {
  const id = path.join('.next', 'BUILD_ID');
  const stale = !existsSync(id) || ['src', 'pages', 'styles'].some((d) => existsSync(d) && newestMtime(d) > statSync(id).mtimeMs);
  if (!stale && !args.has('--build')) return log('production build is up to date (.next)');
  // BENCH_SKIP_BUILD=1: use the build that is there (e.g. comparing jobs that run in the bench process across commits).
  if (existsSync(id) && process.env.BENCH_SKIP_BUILD === '1') return log('BENCH_SKIP_BUILD=1: using the existing build (.next)');
  log('next build ...');
  // next build rewrites next-env.d.ts to import generated .next types; a checkout without .next must still typecheck.
  const nextEnv = existsSync('next-env.d.ts') ? readFileSync('next-env.d.ts', 'utf8') : null;
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (nextEnv !== null) writeFileSync('next-env.d.ts', nextEnv);
  if (r.status !== 0) throw new Error('next build failed');
}

async function waitFor(url: string, child: ChildProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode}); see bench/results/*.log`);
    const ok = await fetch(url).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

function startProcess(name: string, cmd: string, argv: string[], env: Record<string, string>): ChildProcess {
  // Straight to a file, so the servers' request logs cost this process (which runs autocannon) nothing.
  const out = openSync(path.join(resultsDir, `${stamp}-${name}.log`), 'a');
  return spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
}

const freePort = () => 20000 + Math.floor(Math.random() * 20000);

type Kind = 'load' | 'once' | 'channel';
type Result = LoadResult | OnceResult | ChannelFigures;

interface Row {
  scenario: string;
  kind: Kind;
  product: Result;
  floor: Result | null;
  ratio: number | null;
  target: Record<string, number>;
  met: boolean;
  unit?: string;
  /** The machine's 1-minute load average before and after (the machine may be shared). */
  load: string;
}

const loadAverage = () => loadavg()[0].toFixed(2);

function judge(kind: Kind, target: Record<string, number>, p: Result, ratio: number | null): boolean {
  if (kind === 'load') {
    const r = p as LoadResult;
    return r.errors === 0 && (ratio ?? 0) >= 0.5 && (!target.p95Ms || r.p95 <= target.p95Ms) && (!target.rps || r.rps >= target.rps);
  }
  if (kind === 'channel') {
    const c = p as ChannelFigures;
    return c.ok !== false && (ratio === null || ratio >= 0.5) && (!target.perSecond || c.perSecond >= target.perSecond) && (!target.ms || c.ms <= target.ms);
  }
  const o = p as OnceResult;
  return o.status < 400 && (!target.ms || o.ms <= target.ms) && (!target.rssMb || o.peakRss / 2 ** 20 <= target.rssMb);
}

function describe(kind: Kind, r: Result | null, unit = 'items'): string {
  if (r === null) return '-';
  if (kind === 'channel') {
    const c = r as ChannelFigures;
    const extra = [c.requests !== undefined ? `${c.requests} requests` : '', c.statementsPerItem !== undefined ? `${c.statementsPerItem.toFixed(1)} SQL/${unit.replace(/s$/, '')}` : '', c.detail ?? ''].filter(Boolean);
    return `${c.count} ${unit} in ${(c.ms / 1000).toFixed(2)} s = ${c.perSecond.toFixed(0)} ${unit}/s${extra.length ? ` (${extra.join('; ')})` : ''}`;
  }
  if (kind === 'load') {
    const l = r as LoadResult;
    return `${l.rps.toFixed(0)} req/s, p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms${l.errors ? `, ${l.errors} ERRORS` : ''}`;
  }
  const o = r as OnceResult;
  return `${(o.ms / 1000).toFixed(2)} s, ${(o.bytes / 2 ** 20).toFixed(1)} MB out, peak RSS ${(o.peakRss / 2 ** 20).toFixed(0)} MB (+${(o.rssRise / 2 ** 20).toFixed(0)})${o.status >= 400 ? ` HTTP ${o.status}` : ''}`;
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  // BENCH_REUSE_DB=ff_bench_...: a database an earlier run kept (--keep), loaded already; kept again afterwards.
  const reuse = process.env.BENCH_REUSE_DB;
  if (reuse && !/^ff_bench_[0-9a-f]{8}$/.test(reuse)) throw new Error('BENCH_REUSE_DB names a database kept by npm run bench -- --keep');
  const name = reuse ?? `ff_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const children: ChildProcess[] = [];
  const data = new pg.Client({ connectionString: dbUrl });
  try {
    // A reused database gets the migrations written since it was loaded.
    const mdb = createPgDb(dbUrl, 2);
    await migrate(mdb);
    await mdb.close();
    await data.connect();
    let dataset: LoadedDataset;
    if (reuse) {
      log(`reusing ${name} as an earlier run left it`);
      dataset = await readDataset(data);
    } else {
      log(`loading ${size.tickets} tickets into ${name} ...`);
      dataset = await loadDataset(data, size, log);
    }
    ensureBuild();
    const productPort = freePort();
    const floorPort = productPort + 1;
    const cronSecret = randomBytes(24).toString('hex');
    const wahaKey = randomBytes(24).toString('hex');
    const env = { WAHA_WEBHOOK_KEY: wahaKey, DATABASE_URL: dbUrl, NODE_ENV: 'production', WORKER_ENABLED: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', CRON_SECRET: cronSecret, SESSION_SECRET: randomBytes(32).toString('hex'), APP_URL: `http://127.0.0.1:${productPort}`, NEXT_TELEMETRY_DISABLED: '1' };
    const product = startProcess('product', process.execPath, [...cpuProfileArgs(`${stamp}-product`), 'node_modules/next/dist/bin/next', 'start', '-p', String(productPort), '-H', '127.0.0.1'], env);
    const floor = startProcess('floor', process.execPath, ['--import', 'tsx', 'bench/floor-server.ts'], { DATABASE_URL: dbUrl, PORT: String(floorPort), WAHA_WEBHOOK_KEY: wahaKey });
    const receiverPort = productPort + 2;
    const receiver = startProcess('receiver', process.execPath, [...cpuProfileArgs(`${stamp}-receiver`), '--import', 'tsx', 'scripts/receiver.ts'], { ...env, RECEIVER_PORT: String(receiverPort) });
    children.push(product, floor, receiver);
    const productBase = `http://127.0.0.1:${productPort}`;
    const floorBase = `http://127.0.0.1:${floorPort}`;
    const receiverBase = `http://127.0.0.1:${receiverPort}`;
    await Promise.all([waitFor(`${productBase}/api/ticketing/health`, product), waitFor(`${floorBase}/none`, floor), waitFor(`${receiverBase}/api/ticketing/health`, receiver)]);
    log(`servers up: product (next start) :${productPort}, floor :${floorPort}; ${connections} connections, ${seconds} s per side`);
    const ctx: BenchContext = { data: dataset, db: data, cronSecret, quick, sweepOpen: quick ? 2_000 : 100_000, exportRows: Math.min(100_000, size.tickets),
      dbUrl, wahaKey, productBase, productPid: product.pid as number, floorBase, floorPid: floor.pid as number, receiverBase, receiverPid: receiver.pid as number, serverEnv: env, stamp, drainEvents: Number(process.env.BENCH_DRAIN_EVENTS ?? (quick ? 2_000 : 5_000)), qcontactCases: Number(process.env.BENCH_QCONTACT_CASES ?? (quick ? 1_000 : 5_000)) };
    const rows: Row[] = [];
    for (const s of SCENARIOS) {
      if (only.length && !only.some((w) => s.name.toLowerCase().includes(w))) continue;
      let p: Result;
      let f: Result | null;
      let ratio: number | null;
      const load1 = loadAverage();
      if (s.kind === 'channel') {
        p = await s.product(ctx);
        f = s.floor ? await s.floor(ctx) : null;
        ratio = f ? p.perSecond / Math.max((f as ChannelFigures).perSecond, 1e-9) : null;
      } else if (s.kind === 'load') {
        // A short warm-up on each side (JIT, route compilation, connection pool), then the measured run.
        const base = s.productBase?.(ctx) ?? productBase;
        await load(base, s.product(ctx), { connections, seconds: 1 });
        await load(floorBase, s.floor(ctx), { connections, seconds: 1 });
        const lp = await load(base, s.product(ctx), { connections, seconds });
        const lf = await load(floorBase, s.floor(ctx), { connections, seconds });
        [p, f, ratio] = [lp, lf, lp.rps / Math.max(lf.rps, 1e-9)];
      } else {
        await s.prepare?.(ctx);
        const pr = s.product(ctx);
        const op = await once(productBase + pr.path, pr.init, product.pid as number);
        await s.prepare?.(ctx);
        const fr = s.floor(ctx);
        const of = await once(floorBase + fr.path, fr.init, floor.pid as number);
        [p, f, ratio] = [op, of, of.ms / Math.max(op.ms, 1e-9)];
      }
      const met = judge(s.kind, s.target, p, ratio);
      const unit = s.kind === 'channel' ? s.unit : undefined;
      const loadAvg = `${load1} -> ${loadAverage()}`;
      rows.push({ scenario: s.name, kind: s.kind, product: p, floor: f, ratio, target: s.target, met, unit, load: loadAvg });
      log(`${s.name}: product ${describe(s.kind, p, unit)} | floor ${describe(s.kind, f, unit)} | ratio ${ratio === null ? '-' : ratio.toFixed(2)} | load ${loadAvg}`);
    }
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${'PostgreSQL ' + (await data.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v.split(' ')[0]}`;
    console.log(`\nFibreFlow bench ${new Date().toISOString()} | ${quick ? 'QUICK' : 'FULL'}: ${size.tickets} tickets | ${connections} connections | ${machine}\n`);
    console.log(`| scenario | product | bare floor | product / floor | target | met | load avg |\n|---|---|---|---|---|---|---|`);
    for (const r of rows) {
      const target = Object.entries(r.target).map(([k, v]) => `${k} ${v}`).join(', ');
      console.log(`| ${r.scenario} | ${describe(r.kind, r.product, r.unit)} | ${describe(r.kind, r.floor, r.unit)} | ${r.ratio === null ? '-' : r.ratio.toFixed(2)} | ${target || '-'} | ${r.met ? 'yes' : 'NO'} | ${r.load} |`);
    }
    const file = path.join(resultsDir, `${stamp}${quick ? '-quick' : ''}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), quick, size, connections, seconds, machine, rows }, null, 2));
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await data.end().catch(() => undefined);
    if (!args.has('--keep') && !reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else log(`kept database ${name}`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
