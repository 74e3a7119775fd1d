// The three database adapters behave the same: parameters, value shapes, scripts, commit and rollback.
// pg and Neon run for real: against PostgreSQL (DATABASE_URL) or the PGlite wire emulator, Neon through the
// WebSocket proxy emulator exactly as it would reach Neon's wsproxy.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/src/lib/db';
import { createPgliteDb } from '@/src/lib/db/pglite';
import { createPgDb } from '@/src/lib/db/pg';
import { PREPARED_MAX, statementName } from '@/src/lib/db/pool';
import { createNeonDb } from '@/src/lib/db/neon';
import { DbEndpointError } from '@/src/lib/db/guard';
import { parseConfig } from '@/src/lib/config';
import { startNeonWsProxy, type NeonWsProxy } from '@/emulators/neonWsProxy';
import { startPgTarget, type PgTarget } from './support/pgTarget';

let target: PgTarget;
let proxy: NeonWsProxy;

beforeAll(async () => {
  target = await startPgTarget();
  proxy = await startNeonWsProxy();
});
afterAll(async () => {
  await proxy.close();
  await target.close();
});

async function behavesLikePostgres(db: Db, table: string): Promise<void> {
  const r = await db.query<{ n: number; amount: string; day: string; label: string; at: Date }>(
    "SELECT 42::int8 AS n, 12.50::numeric(12,2) AS amount, DATE '2026-11-25' AS day, $1::text AS label, now() AS at",
    ['drop DR1734315'],
  );
  expect(r.rows[0]).toMatchObject({ n: 42, amount: '12.50', day: '2026-11-25', label: 'drop DR1734315' });
  expect(r.rows[0].at).toBeInstanceOf(Date);
  expect(r.rowCount).toBe(1);

  // Commands without a row count (SET, CREATE) report 0, not null.
  expect((await db.query("SET application_name = 'fibreflow-test'")).rowCount).toBe(0);

  await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, note text); CREATE INDEX ${table}_note_idx ON ${table} (note);`);
  const ins = await db.query(`INSERT INTO ${table} (id, note) VALUES (1, 'a'), (2, 'b')`);
  expect(ins.rowCount).toBe(2);
  expect((await db.query(`SELECT id FROM ${table} ORDER BY id`)).rowCount).toBe(2);

  const committed = await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO ${table} (id, note) VALUES ($1, $2)`, [3, 'c']);
    return 'done';
  });
  expect(committed).toBe('done');

  await expect(
    db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id, note) VALUES ($1, $2)`, [4, 'd']);
      await tx.exec(`UPDATE ${table} SET note = 'changed'`);
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');

  // A failing statement inside the transaction rolls back everything before it too.
  await expect(
    db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id, note) VALUES (5, 'e')`);
      await tx.query(`INSERT INTO ${table} (id, note) VALUES (1, 'duplicate')`);
    }),
  ).rejects.toMatchObject({ code: '23505' });

  const after = await db.query<{ id: number; note: string }>(`SELECT id, note FROM ${table} ORDER BY id`);
  expect(after.rows).toEqual([
    { id: 1, note: 'a' },
    { id: 2, note: 'b' },
    { id: 3, note: 'c' },
  ]);
}

describe('PGlite adapter', () => {
  it('behaves like PostgreSQL in memory', async () => {
    const db = await createPgliteDb('memory://');
    expect(db.dialect).toBe('pglite');
    await behavesLikePostgres(db, 't_pglite');
    await db.close();
  });

  it('creates its data directory and keeps data across reopen', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'ff-pglite-')), 'nested', 'pglite');
    const a = await createPgliteDb(dir);
    expect(existsSync(dir)).toBe(true);
    await a.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await a.close();
    const b = await createPgliteDb(dir);
    expect((await b.query<{ v: string }>('SELECT v FROM kept')).rows[0].v).toBe('still here');
    await b.close();
  });
});

describe('pg Pool adapter', () => {
  it(`behaves like PostgreSQL`, async () => {
    const db = createPgDb(target.url, target.max);
    expect(db.dialect).toBe('pg');
    await behavesLikePostgres(db, 't_pg');
    await db.close();
  });

  it('runs parameterised statements as named prepared statements (unless told not to), and past the cap unnamed', async () => {
    const sql = 'SELECT $1::int + 1 AS n /* named */';
    const prepared = async (db: Db, sql: string) => db.transaction(async (tx) => {
      expect((await tx.query<{ n: number }>(sql, [1])).rows[0].n).toBe(2);
      expect((await tx.query<{ n: number }>(sql, [41])).rows[0].n).toBe(42);
      return (await tx.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE name LIKE 'ff\\_%'")).rows.map((r) => r.name);
    });
    const off = createPgDb(target.url, 1, undefined, false);
    expect(await prepared(off, 'SELECT $1::int + 1 AS n')).toEqual([]);
    await off.close();
    const on = createPgDb(target.url, 1);
    expect(await prepared(on, sql)).toEqual([statementName(sql)]);
    // The cap: texts seen first keep their names, a new text past it runs unnamed, and still runs.
    for (let i = 0; i < PREPARED_MAX; i += 1) statementName(`SELECT $1::int + ${i}`);
    expect(statementName(sql)).toMatch(/^ff_[0-9a-f]{24}$/);
    expect(statementName('SELECT $1::int * 3 AS n')).toBeNull();
    expect((await on.query<{ n: number }>('SELECT $1::int * 3 AS n', [5])).rows[0].n).toBe(15);
    await on.close();
  });
});

describe('Neon serverless adapter through the WebSocket proxy', () => {
  it('behaves like PostgreSQL, and its traffic really goes over the proxy', async () => {
    const before = proxy.connections();
    const db = createNeonDb(target.url, target.max, { wsProxy: proxy.proxy, secure: false });
    expect(db.dialect).toBe('neon');
    await behavesLikePostgres(db, 't_neon');
    await db.close();
    expect(proxy.connections()).toBeGreaterThan(before);
  });

  it('connects lazily: a pool without a proxy (real Neon) opens no socket until the first query', async () => {
    const db = createNeonDb('postgres://u:p@ep-dry-night-a9qyh4sj.eu-central-1.aws.neon.tech/neondb', 2);
    expect(db.dialect).toBe('neon');
    await db.close();
  });

  it('fails cleanly when the proxy refuses the target address', async () => {
    const strict = await startNeonWsProxy({ allow: () => false });
    const db = createNeonDb(target.url, 1, { wsProxy: strict.proxy });
    await expect(db.query('SELECT 1')).rejects.toBeTruthy();
    await db.close().catch(() => undefined);
    await strict.close();
    // Restore the shared proxy for any later Neon pool in this file.
    createNeonDb(target.url, 1, { wsProxy: proxy.proxy });
  });
});

describe('createDb picks the adapter from config', () => {
  it('uses PGlite by default', async () => {
    const db = await createDb(parseConfig({ PGLITE_DATA_DIR: 'memory://' }));
    expect(db.dialect).toBe('pglite');
    await db.close();
  });

  it('uses pg for a DATABASE_URL', async () => {
    const db = await createDb(parseConfig({ DATABASE_URL: target.url, DATABASE_POOL_MAX: String(target.max) }));
    expect(db.dialect).toBe('pg');
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('uses Neon with DATABASE_DRIVER=neon, through NEON_WS_PROXY', async () => {
    const db = await createDb(
      parseConfig({ DATABASE_URL: target.url, DATABASE_DRIVER: 'neon', NEON_WS_PROXY: proxy.proxy, DATABASE_POOL_MAX: '1' }),
    );
    expect(db.dialect).toBe('neon');
    expect((await db.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await db.close();
  });

  it('refuses to open a database off the required endpoint', async () => {
    await expect(
      createDb(parseConfig({ DATABASE_URL: target.url, REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj' })),
    ).rejects.toThrow(DbEndpointError);
  });
});
