// Vitest global setup: under a PostgreSQL server, migrate one template database that every test file clones.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate } from '@/src/lib/db/migrate';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    if (process.env.CI === 'true') throw new Error('CI=true but DATABASE_URL is not set: integration tests need the PostgreSQL server');
    return;
  }
  const name = `ff_tpl_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = createPgDb(u.toString(), 2);
  await migrate(db);
  await db.close();
  process.env.FF_TEMPLATE_DB = name;
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
}
