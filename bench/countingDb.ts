// A Db that counts the statements it runs (BEGIN and COMMIT included): the bench's profiler for statements per
// webhook or per case, with no server extension needed (pg_stat_statements is often not installed). With keepSql it
// also adds up, per statement text, the time from sending it to its answer as this process saw it.
import type { Db, Queryable } from '../src/lib/db';

export interface StatementTally {
  n: number;
  ms: number;
}

export interface CountingDb extends Db {
  readonly statements: { count: number; bySql: Map<string, StatementTally> };
}

export function countingDb(inner: Db, keepSql = false): CountingDb {
  const statements = { count: 0, bySql: new Map<string, StatementTally>() };
  const note = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    statements.count += 1;
    if (!keepSql) return run();
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
    const tally = statements.bySql.get(key) ?? { n: 0, ms: 0 };
    statements.bySql.set(key, tally);
    tally.n += 1;
    const t0 = performance.now();
    return run().finally(() => {
      tally.ms += performance.now() - t0;
    });
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => note(sql, () => q.query(sql, params)),
    exec: (sql) => note(sql, () => q.exec(sql)),
  });
  const outer = wrap(inner);
  return {
    dialect: inner.dialect,
    statements,
    query: outer.query,
    exec: outer.exec,
    // BEGIN and COMMIT are two statements; their time is the whole transaction's.
    transaction: (fn) => {
      statements.count += 1;
      return note('BEGIN ... COMMIT (whole transaction)', () => inner.transaction((tx) => fn(wrap(tx))));
    },
    close: () => inner.close(),
  };
}

/** BENCH_PROFILE=1: the statements a job ran, most time first, per item (written beside the results). */
export function profileText(db: CountingDb, items: number): string {
  const per = Math.max(items, 1);
  const head = `${'per item'.padStart(8)}  ${'ms/item'.padStart(7)}  statement`;
  return [head, ...[...db.statements.bySql.entries()].sort((a, b) => b[1].ms - a[1].ms)
    .map(([sql, t]) => `${(t.n / per).toFixed(2).padStart(8)}  ${(t.ms / per).toFixed(3).padStart(7)}  ${sql}`)].join('\n');
}
