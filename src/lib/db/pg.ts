// node-postgres adapter (DATABASE_URL): a Pool, with the same value shapes as the PGlite adapter.
import pg from 'pg';
import { createPoolDb, type PoolLike } from './pool';
import type { Db } from './types';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createPgDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return createPoolDb(pool as unknown as PoolLike, 'pg');
}
