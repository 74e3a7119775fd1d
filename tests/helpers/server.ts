// Serves every pages/api/ticketing route over real HTTP on a loopback port, on a given database and clock.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseConfig, setConfig, type AppConfig } from '@/src/lib/config';
import { setRuntime } from '@/src/lib/runtime';
import { systemClock, type Clock } from '@/src/lib/clock';
import type { Db } from '@/src/lib/db';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

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
  const handlers = new Map<string, Handler>();
  for (const file of readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(ROUTES_DIR, file))) as { default: Handler };
    handlers.set(file.replace(/\.ts$/, ''), mod.default);
  }
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/api\/ticketing\//, '');
    const h = handlers.get(name);
    if (!h) {
      res.statusCode = 404;
      res.end(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'No such route' } }));
      return;
    }
    void h(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}/api/ticketing`,
    config,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
