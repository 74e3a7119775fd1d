// The process-wide runtime (config, database, clock), created once and shared by routes, the worker and scripts.
import { getConfig, type AppConfig } from './config';
import { createDb, type Db } from './db';
import { migrate } from './db/migrate';
import { systemClock, type Clock } from './clock';

export interface Runtime {
  config: AppConfig;
  db: Db;
  clock: Clock;
}

// Kept on globalThis: Next.js may load this module in more than one bundle, and PGlite allows one owner.
const holder = globalThis as unknown as { __fibreflowRuntime?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  holder.__fibreflowRuntime ??= (async () => {
    const config = getConfig();
    const db = await createDb(config);
    // The embedded database belongs to this process: bring its schema up to date on first use.
    if (config.dbDriver === 'pglite') await migrate(db);
    return { config, db, clock: systemClock };
  })();
  const pending = holder.__fibreflowRuntime;
  // A failed start (database down) is not cached: the next request tries again.
  pending.catch(() => {
    if (holder.__fibreflowRuntime === pending) holder.__fibreflowRuntime = undefined;
  });
  return pending;
}

/** Installs a runtime (tests: a per-file database and a manual clock). */
export function setRuntime(runtime: Runtime | undefined): void {
  holder.__fibreflowRuntime = runtime ? Promise.resolve(runtime) : undefined;
}
