// node-postgres adapter (DATABASE_URL): a Pool, with the same value shapes as the PGlite adapter.
import pg from 'pg';
import { createPoolDb, type PoolLike } from './pool';
import type { Db } from './types';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** How long to wait for a connection, a statement, and an open transaction doing nothing (milliseconds). */
export interface DbTimeouts {
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectTimeoutMs: 5000, statementTimeoutMs: 15000, idleInTransactionTimeoutMs: 30000 };

/** Pool options for pg and Neon's Pool: server-side limits, and a client-side one for a server that never answers. */
export function poolTimeouts(t: DbTimeouts) {
  return {
    connectionTimeoutMillis: t.connectTimeoutMs,
    statement_timeout: t.statementTimeoutMs,
    idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs,
    query_timeout: t.statementTimeoutMs + 2000,
  };
}

/** `prepare`: named prepared statements (see createPoolDb); DATABASE_PREPARED_STATEMENTS=false turns them off. */
export function createPgDb(connectionString: string, max = 10, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS, prepare = true): Db {
  const pool = new pg.Pool({ connectionString, max, ...poolTimeouts(timeouts) });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return createPoolDb(pool as unknown as PoolLike, 'pg', prepare);
}
