// PGlite adapter: PostgreSQL in WASM, file-backed under the data dir, or in memory (memory://) for tests.
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { mkdirSync } from 'node:fs';
import { acquireOwnerLock } from './ownerLock';
import type { Db, Queryable, QueryResult } from './types';

// The same value shapes as the pg adapter: int8 -> number, numeric -> string, date -> 'YYYY-MM-DD'.
const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await target.query<T>(sql, params as unknown[]);
      // PGlite reports affectedRows 0 for a SELECT; pg reports the row count: use the rows then.
      return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

export async function createPgliteDb(dataDir: string): Promise<Db> {
  let release = () => undefined as void;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireOwnerLock(dataDir);
  }
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm }, parsers });
  const base = wrap(pg);
  return {
    dialect: 'pglite',
    ...base,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      await pg.close();
      release();
    },
  };
}
