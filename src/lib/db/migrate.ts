// Forward-only migration runner: applies neon/migrations/NNNN_*.sql in order, checksummed in schema_migrations.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './types';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export class MigrationChecksumError extends Error {
  constructor(name: string) {
    super(`Migration ${name} was changed after it was applied; add a new migration instead of editing it`);
    this.name = 'MigrationChecksumError';
  }
}

const MIGRATION_LOCK = 7_264_531;

export const DEFAULT_MIGRATIONS_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), 'neon', 'migrations');

// The turbopackIgnore hints keep Next.js from tracing the whole project because of these runtime paths.
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(/* turbopackIgnore: true */ path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function ensureTable(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
}

/** Applies every pending migration, each in its own transaction; returns the names applied now. */
export async function migrate(db: Db, files: MigrationFile[] = readMigrations()): Promise<string[]> {
  await ensureTable(db);
  const done: string[] = [];
  for (const file of files) {
    // Several processes may start at once (web + workers on PostgreSQL): one applies, the others wait and skip.
    const appliedNow = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE name = $1', [file.name]);
      if (existing.rows[0]) {
        if (existing.rows[0].checksum !== file.checksum) throw new MigrationChecksumError(file.name);
        return false;
      }
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
      return true;
    });
    if (appliedNow) done.push(file.name);
  }
  return done;
}

/** Which migrations are applied and which are pending, without changing anything. */
export async function migrationStatus(db: Db, files: MigrationFile[] = readMigrations()): Promise<MigrationStatus> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  const applied = new Set<string>();
  if (rows[0]?.present) {
    const r = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    r.rows.forEach((x) => applied.add(x.name));
  }
  return { applied: [...applied], pending: files.map((f) => f.name).filter((n) => !applied.has(n)) };
}
