// The operations scripts as a user runs them: real processes on a fresh data directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

function run(script: string, env: Record<string, string>): { code: number | null; out: string; err: string } {
  // A clean environment: no DATABASE_URL from the test run, so the scripts use the embedded database.
  const r = spawnSync(TSX, [path.join('scripts', script)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run db:migrate and db:seed', () => {
  it('migrate, then seed, on an empty data directory; a second run of each changes nothing', () => {
    const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ff-scripts-'));
    const m1 = run('migrate.ts', { DATA_DIR });
    expect(m1.code, m1.err).toBe(0);
    expect(m1.out).toContain(`Migrating embedded PGlite at ${DATA_DIR}/pglite`);
    expect(m1.out).toMatch(/applied 0001_core\.sql/);
    const m2 = run('migrate.ts', { DATA_DIR });
    expect(m2.out).toMatch(/Up to date \(\d+ migrations\)/);

    const s1 = run('seed.ts', { DATA_DIR });
    expect(s1.code, s1.err).toBe(0);
    expect(s1.out).toMatch(/Added 1 clients, 3 projects, 24 drops, .*8 users, \d+ tickets\./);
    expect(s1.out).toContain('admin@fibreflow.local');
    const s2 = run('seed.ts', { DATA_DIR });
    expect(s2.code, s2.err).toBe(0);
    expect(s2.out).toContain('Demo data already present: nothing changed.');
  }, 300_000); // two child processes each migrate and seed the whole demo on PGlite

  it('stops with one line naming a bad variable, or the endpoint guard', () => {
    const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ff-scripts-'));
    const bad = run('migrate.ts', { DATA_DIR, PORT: 'abc' });
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Invalid configuration: PORT:/);
    const guarded = run('migrate.ts', { DATA_DIR, REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj' });
    expect(guarded.code).toBe(1);
    expect(guarded.err).toMatch(/Refusing to start: REQUIRED_DB_ENDPOINT is "ep-dry-night-a9qyh4sj"/);
    expect(guarded.err).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('the embedded database has one owner', () => {
  it('refuses to migrate while another live process holds it', () => {
    const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ff-scripts-'));
    writeFileSync(path.join(DATA_DIR, 'pglite.lock'), `${process.pid}\n`);
    const r = run('migrate.ts', { DATA_DIR });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`is in use by process ${process.pid} (is npm start running?). Stop it first.`);
  });
});

describe('npm run worker', () => {
  it('refuses the embedded database, whose worker runs inside npm start', () => {
    const r = run('worker.ts', { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ff-scripts-')) });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/npm run worker needs PostgreSQL \(DATABASE_URL\)/);
  });
});
