// A fresh, migrated database per test file: PGlite in memory locally, a new PostgreSQL database under CI.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgliteDb } from '@/src/lib/db/pglite';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate } from '@/src/lib/db/migrate';
import type { Db } from '@/src/lib/db';

export interface TestDb {
  db: Db;
  url?: string;
  drop(): Promise<void>;
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a fresh database: cloned from the migrated template made by globalSetup when a server is configured. */
export async function createTestDb(): Promise<TestDb> {
  const url = serverUrl();
  if (!url) {
    const db = await createPgliteDb('memory://');
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const template = process.env.FF_TEMPLATE_DB;
  const name = `ff_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(url, name);
  const db = createPgDb(dbUrl, 20);
  if (!template) await migrate(db);
  return {
    db,
    url: dbUrl,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}

/**
 * A fresh, migrated database on a PostgreSQL server whatever the run (suites that need two connections at once or the
 * server's counters, which PGlite has not): DATABASE_URL's server, else 127.0.0.1:5432. Without a reachable server the
 * suite fails; it never skips.
 */
export async function createServerTestDb(prefix: string, poolMax = 4): Promise<TestDb & { url: string }> {
  const base = serverUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = withDatabase(base, name);
  const db = createPgDb(url, poolMax);
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
