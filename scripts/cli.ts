// Shared by the operations scripts: open the configured database, report failures plainly, print the demo logins.
import { ConfigError, getConfig, type AppConfig } from '@/src/lib/config';
import { createDb, type Db } from '@/src/lib/db';
import { DbEndpointError } from '@/src/lib/db/guard';
import { MigrationChecksumError } from '@/src/lib/db/migrate';
import { DbLockedError } from '@/src/lib/db/ownerLock';
import { DEMO_USERS } from '@/src/modules/ticketing/seed/demoData';

export async function openDatabase(): Promise<{ config: AppConfig; db: Db }> {
  const config = getConfig();
  const db = await createDb(config);
  return { config, db };
}

export function describeTarget(config: AppConfig): string {
  if (config.dbDriver === 'pglite') return `embedded PGlite at ${config.pgliteDataDir}`;
  const u = new URL(config.DATABASE_URL as string);
  return `${config.dbDriver} ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** Prints a known failure as one clear line (no stack) and exits 1. */
export function fail(err: unknown): never {
  const known = err instanceof ConfigError || err instanceof DbEndpointError || err instanceof MigrationChecksumError || err instanceof DbLockedError;
  if (known) console.error(`\n${(err as Error).message}\n`);
  else console.error(err);
  process.exit(1);
}

export function demoLoginText(appUrl: string): string {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const rows = DEMO_USERS.map((u) => `  ${u.role.padEnd(11)} ${u.email.padEnd(width)}  ${u.password}`);
  return [`Open ${appUrl}/login and sign in with a demo user:`, '', `  ${'role'.padEnd(11)} ${'email'.padEnd(width)}  password`, ...rows].join('\n');
}
