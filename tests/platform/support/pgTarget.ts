// A PostgreSQL wire endpoint for adapter tests: a fresh database on the real server when DATABASE_URL is set,
// else the PGlite wire emulator (single connection: use pools of max 1 and close one before opening the next).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { serverUrl } from '../../helpers/db';
import { startPgliteWireServer } from '@/emulators/pgliteWireServer';

export interface PgTarget {
  url: string;
  kind: 'postgresql' | 'pglite-wire';
  /** Pool size the target can take. */
  max: number;
  close(): Promise<void>;
}

export async function startPgTarget(): Promise<PgTarget> {
  const server = serverUrl();
  if (!server) {
    const wire = await startPgliteWireServer();
    return { url: wire.url, kind: 'pglite-wire', max: 1, close: () => wire.close() };
  }
  const name = `ff_plat_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    kind: 'postgresql',
    max: 4,
    async close() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
