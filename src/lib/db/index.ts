// Chooses the database adapter from config (PGlite by default) and holds the process-wide instance.
import type { AppConfig } from '../config';
import { assertDbEndpoint } from './guard';
import type { Db } from './types';

export type { Db, Queryable, QueryResult, DbDialect } from './types';

export async function createDb(config: AppConfig): Promise<Db> {
  assertDbEndpoint(config.REQUIRED_DB_ENDPOINT, config.DATABASE_URL);
  if (config.dbDriver === 'pglite') {
    const { createPgliteDb } = await import('./pglite');
    return createPgliteDb(config.pgliteDataDir);
  }
  const url = config.DATABASE_URL as string;
  if (config.dbDriver === 'neon') {
    const { createNeonDb } = await import('./neon');
    return createNeonDb(url, config.DATABASE_POOL_MAX, { wsProxy: config.NEON_WS_PROXY });
  }
  const { createPgDb } = await import('./pg');
  return createPgDb(url, config.DATABASE_POOL_MAX);
}
