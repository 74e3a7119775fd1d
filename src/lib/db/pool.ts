// Pool adapter shared by node-postgres and Neon's serverless Pool, which expose the same API.
import { createHash } from 'node:crypto';
import { isDbUnavailable } from './health';
import type { Db, DbDialect, Queryable, QueryResult } from './types';

/** A named statement (node-postgres parses and plans it once per connection, then only binds and runs it). */
interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

type QueryFn = {
  (sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  (q: NamedQuery): Promise<{ rows: unknown[]; rowCount: number | null }>;
};

interface PoolClientLike {
  query: QueryFn;
  release(err?: Error | boolean): void;
}
export interface PoolLike {
  query: QueryFn;
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
}

/**
 * Statement names by SQL text. Only statements with parameters are named (BEGIN, COMMIT and DDL stay simple), and at
 * most PREPARED_MAX texts per process: a text built with a varying shape (a multi-row VALUES list) past the cap runs
 * unnamed, so neither this map nor the server's per-connection statement cache grows without bound.
 */
export const PREPARED_MAX = 2000;
const names = new Map<string, string>();

export function statementName(sql: string): string | null {
  const known = names.get(sql);
  if (known) return known;
  if (names.size >= PREPARED_MAX) return null;
  const name = `ff_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
  names.set(sql, name);
  return name;
}

function wrap(target: Pick<PoolLike, 'query'>, prepare: boolean): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const name = prepare && params.length > 0 ? statementName(sql) : null;
      const r = name ? await target.query({ name, text: sql, values: params as unknown[] }) : await target.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.query(sql);
    },
  };
}

/**
 * `prepare`: run parameterised statements as named prepared statements. Planning a statement on the tickets table
 * (twenty indexes) costs about a millisecond; a named one is parsed once per connection and, after its first five
 * calls, keeps a generic plan unless that plan is costlier than planning for the values (plan_cache_mode auto).
 * Off for a pooler that cannot keep statements (DATABASE_PREPARED_STATEMENTS=false).
 */
export function createPoolDb(pool: PoolLike, dialect: DbDialect, prepare = false): Db {
  return {
    dialect,
    ...wrap(pool, prepare),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, prepare));
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
