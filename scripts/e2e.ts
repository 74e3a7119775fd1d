// Browser E2E: find Chromium, build the app, start it on a fresh seeded database, run the Playwright tests in Vitest.
// Usage: npx tsx scripts/e2e.ts [vitest filters...]   (E2E_SKIP_BUILD=1 reuses the last `next build`.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPgliteDb } from '@/src/lib/db/pglite';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate } from '@/src/lib/db/migrate';
import type { Db } from '@/src/lib/db';
import { seedE2e } from '@/tests/modules/ticketing/e2e/support/seed';
import { FIXTURE_ENV, type E2eFixture } from '@/tests/modules/ticketing/e2e/support/fixture';
import { startWahaEmulator } from '@/emulators/waha';
import { OUR_ASSIGNEE, startQcontactEmulator } from '@/emulators/qcontact';

const ci = process.env.CI === 'true';
const RESULTS = path.resolve('test-results');
const E2E_JSON = path.join(RESULTS, 'e2e.json');
const SCREENS = path.join(RESULTS, 'screens');
const SERVER_LOG = path.join(RESULTS, 'e2e-server.log');
/** Lets E2E tests drive the cron routes (the worker is off in this run). */
const E2E_CRON_SECRET = randomBytes(24).toString('hex');
const cleanups: (() => Promise<void> | void)[] = [];

function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database: a new PostgreSQL database under DATABASE_URL, else PGlite in a temporary data directory. */
async function prepareDatabase(now: Date): Promise<{ env: Record<string, string>; seeded: Awaited<ReturnType<typeof seedE2e>> }> {
  const url = process.env.DATABASE_URL;
  let db: Db;
  let env: Record<string, string>;
  if (url) {
    const name = `ff_e2e_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    });
    env = { DATABASE_URL: withDatabase(url, name), DATABASE_DRIVER: 'pg' };
    db = createPgDb(env.DATABASE_URL, 2);
    console.log(`E2E database: PostgreSQL ${name}`);
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ff-e2e-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    env = { DATA_DIR: dataDir, DATABASE_DRIVER: 'pglite' };
    db = await createPgliteDb(path.join(dataDir, 'pglite'));
    console.log(`E2E database: PGlite in ${dataDir}`);
  }
  try {
    await migrate(db);
    return { env, seeded: await seedE2e(db, now) };
  } finally {
    await db.close();
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}; see ${SERVER_LOG}`);
    try {
      const res = await fetch(`${baseUrl}/api/ticketing/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not become healthy within ${timeoutMs / 1000} s; see ${SERVER_LOG}`);
}

async function cleanup(): Promise<void> {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      console.error('E2E cleanup step failed:', (err as Error).message);
    }
  }
  cleanups.length = 0;
}

async function main(): Promise<number> {
  rmSync(E2E_JSON, { force: true });
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log(
      [
        'Browser E2E tests skipped: no Chromium found (looked at CHROMIUM_PATH, then /usr/bin/chromium).',
        'Install Debian\'s Chromium with:  sudo apt-get install -y chromium',
        'or point CHROMIUM_PATH at a Chromium/Chrome binary. The tests never download a browser themselves.',
        ci ? 'CI=true: a missing browser is a failure.' : '',
      ].join('\n'),
    );
    return ci ? 1 : 0;
  }
  // Fresh screenshots each run, so a FAILED-*.png always belongs to this run.
  rmSync(SCREENS, { recursive: true, force: true });
  mkdirSync(SCREENS, { recursive: true });
  const childEnv = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', NEXT_TELEMETRY_DISABLED: '1' };
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync('.next/BUILD_ID')) {
    console.log('E2E: reusing the existing build (E2E_SKIP_BUILD=1)');
  } else {
    console.log('\n=== E2E: next build');
    // next build writes next-env.d.ts (git-ignored); types/next.d.ts keeps a checkout without .next typechecking.
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: childEnv });
    if (build.status !== 0) {
      console.error('E2E: next build failed');
      return 1;
    }
  }

  const { env: dbEnv, seeded } = await prepareDatabase(new Date());
  // QContact: an emulator with a few cases on the guarantee drop, so a sync from the integration page makes FT tickets.
  const qcontact = await startQcontactEmulator({ seed: { count: 30, otherShare: 0, drNumbers: [seeded.drops.guarantee], now: new Date() } });
  [...qcontact.cases.values()][0].fields.status = 'New';
  cleanups.push(() => qcontact.close());
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // WhatsApp (issue 9): a WAHA emulator the app sends to; tests push signed webhooks and drive the worker through cron routes.
  const waha = { apiKey: 'e2e-waha-key', hmacKey: 'e2e-waha-hmac-key' };
  const wahaEmu = await startWahaEmulator({ apiKey: waha.apiKey, hmacKey: waha.hmacKey, webhookUrl: `${baseUrl}/api/ticketing/tickets-webhook-whatsapp` });
  cleanups.push(() => wahaEmu.close());
  const log = openSync(SERVER_LOG, 'w');
  const server = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...childEnv,
      ...dbEnv,
      ...(dbEnv.DATABASE_URL ? {} : { DATABASE_URL: '' }),
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: baseUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      WORKER_ENABLED: 'false',
      // Mail counts as configured, so notices are queued and wait in the outbox (the worker is off in this run).
      SMTP_HOST: '127.0.0.1',
      WAHA_URL: wahaEmu.url,
      WAHA_API_KEY: waha.apiKey,
      WAHA_WEBHOOK_KEY: waha.hmacKey,
      CRON_SECRET: E2E_CRON_SECRET,
      QCONTACT_URL: qcontact.url, QCONTACT_EMAIL: qcontact.email, QCONTACT_PASSWORD: qcontact.password, QCONTACT_ASSIGNEE_ID: OUR_ASSIGNEE.id,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.pid === undefined) return resolve();
        server.once('exit', () => resolve());
        process.kill(-server.pid, 'SIGTERM');
        setTimeout(() => {
          if (server.exitCode === null && server.pid !== undefined) process.kill(-server.pid, 'SIGKILL');
        }, 5000).unref();
      }),
  );
  await waitForHealth(baseUrl, server);
  console.log(`E2E: app listening on ${baseUrl} (log: ${SERVER_LOG})`);

  const fixture: E2eFixture = {
    baseUrl, chromiumPath, screensDir: SCREENS, ...seeded, qcontactUrl: qcontact.url, cronSecret: E2E_CRON_SECRET,
    whatsapp: { emulatorUrl: wahaEmu.url, hmacKey: waha.hmacKey, drNumber: seeded.whatsapp?.drNumber ?? '' },
  };
  const fixtureFile = path.join(RESULTS, 'e2e-fixture.json');
  writeFileSync(fixtureFile, JSON.stringify(fixture, null, 2));
  cleanups.push(() => rmSync(fixtureFile, { force: true }));

  // Not spawnSync: emulators started above live in this process and must keep answering while the tests run.
  const vitest = await new Promise<{ status: number | null }>((resolve) => {
    const child = spawn(
      'npx',
      ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${E2E_JSON}`, ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...childEnv, [FIXTURE_ENV]: fixtureFile } },
    );
    child.on('exit', (code) => resolve({ status: code }));
  });
  if (existsSync(E2E_JSON)) {
    const r = JSON.parse(readFileSync(E2E_JSON, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    console.log(`E2E: ${r.numPassedTests} passed, ${r.numFailedTests} failed; screenshots in ${SCREENS}`);
  }
  return vitest.status ?? 1;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error('E2E run failed:', err instanceof Error ? err.message : err);
    await cleanup();
    process.exit(1);
  });
