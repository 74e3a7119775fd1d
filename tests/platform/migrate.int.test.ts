// The migration runner: order, idempotence, checksums, status, concurrency; and the runtime that migrates PGlite.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgliteDb } from '@/src/lib/db/pglite';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate, migrationStatus, MigrationChecksumError, readMigrations, type MigrationFile } from '@/src/lib/db/migrate';
import { parseConfig, setConfig } from '@/src/lib/config';
import { getRuntime, setRuntime } from '@/src/lib/runtime';
import { systemClock } from '@/src/lib/clock';
import { startPgTarget } from './support/pgTarget';
import { createHash } from 'node:crypto';

const file = (name: string, sql: string): MigrationFile => ({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });

afterEach(() => {
  setRuntime(undefined);
  setConfig(undefined);
});

describe('readMigrations', () => {
  it('reads NNNN_name.sql files in order, ignoring anything else, with a sha256 checksum', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ff-mig-'));
    writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 2;');
    writeFileSync(path.join(dir, '0001_first.sql'), 'SELECT 1;');
    writeFileSync(path.join(dir, 'README.md'), 'not a migration');
    writeFileSync(path.join(dir, '3_bad.sql'), 'SELECT 3;');
    const files = readMigrations(dir);
    expect(files.map((f) => f.name)).toEqual(['0001_first.sql', '0002_second.sql']);
    expect(files[0].checksum).toBe(createHash('sha256').update('SELECT 1;').digest('hex'));
  });

  it('finds the project migrations, starting with the core schema', () => {
    expect(readMigrations()[0].name).toBe('0001_core.sql');
  });
});

describe('migrate on PGlite', () => {
  it('applies pending files in order, records them, and is a no-op the second time', async () => {
    const db = await createPgliteDb('memory://');
    const files = [
      file('0001_a.sql', 'CREATE TABLE a (id int);'),
      file('0002_b.sql', 'CREATE TABLE b (a_id int); INSERT INTO a VALUES (1);'),
    ];
    expect(await migrationStatus(db, files)).toEqual({ applied: [], pending: ['0001_a.sql', '0002_b.sql'] });
    expect(await migrate(db, files.slice(0, 1))).toEqual(['0001_a.sql']);
    expect(await migrationStatus(db, files)).toEqual({ applied: ['0001_a.sql'], pending: ['0002_b.sql'] });
    expect(await migrate(db, files)).toEqual(['0002_b.sql']);
    expect(await migrate(db, files)).toEqual([]);
    expect((await db.query('SELECT count(*)::int AS n FROM a')).rows[0]).toEqual({ n: 1 });
    await db.close();
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const db = await createPgliteDb('memory://');
    await migrate(db, [file('0001_a.sql', 'CREATE TABLE a (id int);')]);
    await expect(migrate(db, [file('0001_a.sql', 'CREATE TABLE a (id bigint);')])).rejects.toThrow(MigrationChecksumError);
    await expect(migrate(db, [file('0001_a.sql', 'CREATE TABLE a (id bigint);')])).rejects.toThrow(
      /0001_a\.sql was changed after it was applied/,
    );
    await db.close();
  });

  it('rolls back a failing migration completely and applies nothing after it', async () => {
    const db = await createPgliteDb('memory://');
    const files = [file('0001_bad.sql', 'CREATE TABLE half (id int); SELECT nope FROM missing;'), file('0002_after.sql', 'CREATE TABLE after (id int);')];
    await expect(migrate(db, files)).rejects.toThrow();
    expect((await db.query("SELECT to_regclass('half') IS NULL AS gone")).rows[0]).toEqual({ gone: true });
    expect((await migrationStatus(db, files)).pending).toEqual(['0001_bad.sql', '0002_after.sql']);
    await db.close();
  });

  it('applies the real schema', async () => {
    const db = await createPgliteDb('memory://');
    const applied = await migrate(db);
    expect(applied[0]).toBe('0001_core.sql');
    expect((await migrationStatus(db)).pending).toEqual([]);
    await db.close();
  });
});

describe('migrate on PostgreSQL (or its wire emulator)', () => {
  it('lets two runners race: each file is applied once, the loser skips it', async () => {
    const target = await startPgTarget();
    const a = createPgDb(target.url, target.max);
    const b = createPgDb(target.url, target.max);
    const files = [file('0001_x.sql', 'CREATE TABLE x (id int);'), file('0002_y.sql', 'CREATE TABLE y (id int);')];
    try {
      if (target.kind === 'pglite-wire') {
        // One connection at a time: run them one after the other.
        expect(await migrate(a, files)).toEqual(['0001_x.sql', '0002_y.sql']);
        await a.close();
        expect(await migrate(b, files)).toEqual([]);
      } else {
        await migrate(a, []); // create schema_migrations first, as the template does
        const [ra, rb] = await Promise.all([migrate(a, files), migrate(b, files)]);
        expect([...ra, ...rb].sort()).toEqual(['0001_x.sql', '0002_y.sql']);
        await a.close();
      }
      const { rows } = await b.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(['0001_x.sql', '0002_y.sql']);
      // A checksum change is caught by the re-check inside the lock as well.
      await expect(migrate(b, [file('0001_x.sql', 'CREATE TABLE x (id text);')])).rejects.toThrow(MigrationChecksumError);
    } finally {
      await b.close();
      await target.close();
    }
  });
});

describe('runtime', () => {
  it('opens and migrates the embedded database once, shared by every caller', async () => {
    setRuntime(undefined);
    setConfig(parseConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    const [r1, r2] = await Promise.all([getRuntime(), getRuntime()]);
    expect(r1).toBe(r2);
    expect((await migrationStatus(r1.db)).pending).toEqual([]);
    await r1.db.close();
  });

  it('does not cache a failed start: the next call tries again', async () => {
    setRuntime(undefined);
    setConfig(parseConfig({ PGLITE_DATA_DIR: 'memory://', REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj', LOG_LEVEL: 'silent' }));
    await expect(getRuntime()).rejects.toThrow(/REQUIRED_DB_ENDPOINT/);
    await new Promise((r) => setTimeout(r, 0));
    setConfig(parseConfig({ PGLITE_DATA_DIR: 'memory://', LOG_LEVEL: 'silent' }));
    const rt = await getRuntime();
    expect(rt.db.dialect).toBe('pglite');
    await rt.db.close();
  });

  it('keeps a runtime installed while a failed start was still settling', async () => {
    setRuntime(undefined);
    setConfig(parseConfig({ PGLITE_DATA_DIR: 'memory://', REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj', LOG_LEVEL: 'silent' }));
    const failing = getRuntime();
    const db = await createPgliteDb('memory://');
    const installed = { config: parseConfig({ LOG_LEVEL: 'silent' }), db, clock: systemClock };
    setRuntime(installed);
    await expect(failing).rejects.toThrow(/REQUIRED_DB_ENDPOINT/);
    await new Promise((r) => setTimeout(r, 0));
    expect(await getRuntime()).toBe(installed);
    await db.close();
  });

  it('does not migrate a server database on open (that is npm run db:migrate)', async () => {
    const target = await startPgTarget();
    setRuntime(undefined);
    setConfig(parseConfig({ DATABASE_URL: target.url, DATABASE_POOL_MAX: '1', LOG_LEVEL: 'silent' }));
    const rt = await getRuntime();
    expect(rt.db.dialect).toBe('pg');
    expect((await migrationStatus(rt.db)).applied).toEqual([]);
    await rt.db.close();
    await target.close();
  });
});
