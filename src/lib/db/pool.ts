// Pool adapter shared by node-postgres and Neon's serverless Pool, which expose the same API.
import { isDbUnavailable } from './health';
import type { Db, DbDialect, Queryable, QueryResult } from './types';

interface PoolClientLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  release(err?: Error | boolean): void;
}
export interface PoolLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
}

function wrap(target: Pick<PoolLike, 'query'>): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await target.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

export function createPoolDb(pool: PoolLike, dialect: DbDialect): Db {
  return {
    dialect,
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A connection that failed or timed out is thrown away rather than handed to the next caller.
        client.release(isDbUnavailable(err) ? (err as Error) : undefined);
        throw err;
      }
    },
    close: () => pool.end(),
  };
}
