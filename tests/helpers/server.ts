// Serves every pages/api/ticketing route over real HTTP on a loopback port, on a given database and clock.
import type { Server } from 'node:http';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseConfig, setConfig, type AppConfig } from '@/src/lib/config';
import { setRuntime } from '@/src/lib/runtime';
import { systemClock, type Clock } from '@/src/lib/clock';
import type { Db } from '@/src/lib/db';
import { createReceiver, type RouteHandler } from '@/src/lib/http/receiver';

export interface TestServer {
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

const ROUTES_DIR = path.join(process.cwd(), 'pages', 'api', 'ticketing');

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ff-test-')),
    WORKER_ENABLED: 'false',
    CRON_SECRET: 'test-cron-secret-0123456789',
    ...env,
  });
}

export async function startTestServer(opts: { db: Db; clock?: Clock; env?: Record<string, string> }): Promise<TestServer> {
  const config = testConfig(opts.env);
  setConfig(config);
  setRuntime({ config, db: opts.db, clock: opts.clock ?? systemClock });
  const routes: Record<string, RouteHandler> = {};
  for (const file of readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(ROUTES_DIR, file))) as { default: RouteHandler };
    routes[`/api/ticketing/${file.replace(/\.ts$/, '')}`] = mod.default;
  }
  // The same dispatcher as npm run receiver: exact paths, anything else a 404 in the API envelope.
  const server: Server = createReceiver(routes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/api/ticketing`,
    config,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
