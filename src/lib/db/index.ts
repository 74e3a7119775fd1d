// Chooses the database adapter from config (PGlite by default) and holds the process-wide instance.
import type { AppConfig } from '../config';
import { assertDbEndpoint } from './guard';
import type { Db } from './types';

export type { Db, Queryable, QueryResult, DbDialect } from './types';
export { joinTransaction } from './types';

export async function createDb(config: AppConfig): Promise<Db> {
  assertDbEndpoint(config.REQUIRED_DB_ENDPOINT, config.DATABASE_URL);
  if (config.dbDriver === 'pglite') {
    const { createPgliteDb } = await import('./pglite');
    return createPgliteDb(config.pgliteDataDir);
  }
  const url = config.DATABASE_URL as string;
  const timeouts = {
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_TX_TIMEOUT_MS,
  };
  if (config.dbDriver === 'neon') {
    const { createNeonDb } = await import('./neon');
    return createNeonDb(url, config.DATABASE_POOL_MAX, { wsProxy: config.NEON_WS_PROXY, timeouts });
  }
  const { createPgDb } = await import('./pg');
  return createPgDb(url, config.DATABASE_POOL_MAX, timeouts, config.DATABASE_PREPARED_STATEMENTS);
}
