// npm start: migrate the database (embedded PGlite under .data/ unless DATABASE_URL), load the demo the first
// time, build when .next is missing or older than the sources, then serve on PORT and print how to log in.
// PGlite has one owner: this script closes it before Next.js starts, and the app process opens it again.
import { isEmptyDatabase } from '../src/modules/ticketing/db/seedRepo';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@/src/lib/config';
import type { Db } from '@/src/lib/db';
import { migrate } from '@/src/lib/db/migrate';
import { clearStaleOwnerLock } from '@/src/lib/db/ownerLock';
import { moduleLogger } from '@/src/lib/logger';
import { seedDemo } from '@/src/modules/ticketing/seed';
import { demoLoginText, describeTarget, fail, openDatabase } from './cli';
import { demoChannelEnv } from '../emulators';

const dev = process.argv.includes('--dev');
const NEXT_BIN = path.join(process.cwd(), 'node_modules', '.bin', 'next');
const BUILD_INPUTS = ['pages', 'src', 'public', 'styles', 'instrumentation.ts', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, f) => Math.max(max, newestMtime(path.join(p, f))), st.mtimeMs);
}

function buildIsStale(): boolean {
  const id = path.join('.next', 'BUILD_ID');
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return BUILD_INPUTS.some((p) => newestMtime(p) > built);
}

async function shouldSeed(config: AppConfig, db: Db): Promise<boolean> {
  if (config.SEED_DEMO === 'false') return false;
  if (config.SEED_DEMO === 'auto' && config.dbDriver !== 'pglite') return false;
  return isEmptyDatabase(db);
}

/** Production mode needs a session secret: keep a random one under the data dir unless SESSION_SECRET is set. */
function sessionSecret(config: AppConfig): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.join(config.DATA_DIR, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/ticketing/health`);
      if (res.status === 200 || res.status === 503) return res.status === 200;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  const { config, db } = await openDatabase();
  try {
    console.log(`Database: ${describeTarget(config)}`);
    const applied = await migrate(db);
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Schema up to date.');
    if (await shouldSeed(config, db)) {
      console.log('First start: loading the demo data (a minute at most)...');
      const s = await seedDemo({ db, config, log: moduleLogger('seed').child({}, { level: 'warn' }), now: new Date() });
      console.log(`Demo data: ${s.projects} projects, ${s.drops} drops, ${s.users} users, ${s.tickets} tickets.`);
    }
  } finally {
    await db.close(); // hand the embedded database over to the app process
  }

  if (!dev && buildIsStale()) {
    console.log('Building the app (next build)...');
    const build = spawnSync(NEXT_BIN, ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) throw new Error('next build failed; see its output above');
  }

  // On the embedded demo database the channels point at `npm run emulators` (unless set, or DEMO_CHANNELS=false).
  const demoChannels = config.dbDriver === 'pglite' && process.env.DEMO_CHANNELS !== 'false' ? demoChannelEnv() : {};
  const env = { ...demoChannels, ...process.env, SESSION_SECRET: sessionSecret(config), NEXT_TELEMETRY_DISABLED: '1' };
  const child = spawn(NEXT_BIN, [dev ? 'dev' : 'start', '-p', String(config.PORT)], { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    // Next.js does not close the embedded database on shutdown: drop its owner lock so the next start is clean.
    if (config.dbDriver === 'pglite') clearStaleOwnerLock(config.pgliteDataDir);
    process.exit(code ?? (signal ? 0 : 1));
  });

  const healthy = await waitForHealth(config.PORT, child, dev ? 180_000 : 60_000);
  const url = `http://localhost:${config.PORT}`;
  console.log(
    healthy
      ? `\nFibreFlow Ticketing is running on ${url}\n\n${demoLoginText(url)}\n\nAPI: ${url}/api/ticketing/openapi  Health: ${url}/api/ticketing/health  Ctrl+C stops it.\n`
      : `\nThe app did not report healthy yet; check ${url}/api/ticketing/health\n`,
  );
}

main().catch(fail);
