// A Db that counts the statements it runs (BEGIN and COMMIT included): the bench's profiler for statements per
// webhook or per case, with no server extension needed (pg_stat_statements is often not installed).
import type { Db, Queryable } from '../src/lib/db';

export interface CountingDb extends Db {
  readonly statements: { count: number; bySql: Map<string, number> };
}

export function countingDb(inner: Db, keepSql = false): CountingDb {
  const statements = { count: 0, bySql: new Map<string, number>() };
  const note = (sql: string) => {
    statements.count += 1;
    if (!keepSql) return;
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    statements.bySql.set(key, (statements.bySql.get(key) ?? 0) + 1);
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => (note(sql), q.query(sql, params)),
    exec: (sql) => (note(sql), q.exec(sql)),
  });
  const outer = wrap(inner);
  return {
    dialect: inner.dialect,
    statements,
    query: outer.query,
    exec: outer.exec,
    transaction: (fn) => {
      note('BEGIN');
      note('COMMIT');
      return inner.transaction((tx) => fn(wrap(tx)));
    },
    close: () => inner.close(),
  };
}

/** BENCH_PROFILE=1: the statements a job ran, most frequent first, per item (written beside the results). */
export function profileText(db: CountingDb, items: number): string {
  return [...db.statements.bySql.entries()].sort((a, b) => b[1] - a[1])
    .map(([sql, n]) => `${(n / Math.max(items, 1)).toFixed(2).padStart(7)}  ${sql}`).join('\n');
}
