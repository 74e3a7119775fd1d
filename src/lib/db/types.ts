// The database platform's one small interface: parameterised queries and transactions, on any engine.
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** Runs one parameterised statement ($1, $2, ...). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DbDialect = 'pglite' | 'pg' | 'neon';

export interface Db extends Queryable {
  readonly dialect: DbDialect;
  /** Runs fn inside BEGIN/COMMIT; any throw rolls back and rethrows. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A Db whose queries and nested transactions run inside an open transaction (a service called inside ours joins it). */
export function joinTransaction(db: Pick<Db, 'dialect'>, tx: Queryable): Db {
  return { dialect: db.dialect, query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), transaction: (fn) => fn(tx), close: async () => undefined };
}
