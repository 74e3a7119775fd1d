// npm run bench:import: the drop register import at scale. Writes a BENCH_DROPS-row CSV (default 200000) and,
// with BENCH_XLSX=1, the same as .xlsx; previews and confirms it through the service layer, then imports it again
// (must change nothing). PGlite in memory by default; on PostgreSQL with BENCH_DATABASE_URL (a fresh database).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { parseConfig, setConfig } from '../src/lib/config';
import { systemClock } from '../src/lib/clock';
import type { Db } from '../src/lib/db';
import { createPgDb } from '../src/lib/db/pg';
import { createPgliteDb } from '../src/lib/db/pglite';
import { migrate } from '../src/lib/db/migrate';
import { rootLogger } from '../src/lib/logger';
import type { ServiceContext } from '../src/modules/ticketing/services/context';
import { confirmImport, previewImportFile } from '../src/modules/ticketing/services/network/dropImportService';

const N = Number(process.env.BENCH_DROPS ?? 200_000);
const XLSX = process.env.BENCH_XLSX === '1';
const serverUrl = process.env.BENCH_DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), 'ff-bench-import-'));

const row = (i: number) => {
  const day = 1 + (i % 28);
  const dates = [`2026/03/${String(day).padStart(2, '0')}`, `${day}/03/2026`, `${day} March 2026`, String(46087 + day)];
  return [`DR${String(2_000_000 + i)}`, i % 2 ? 'Lawley' : 'MOH', `${i} Main Road`, `-26.${String(i % 99999).padStart(5, '0')}, 27.8`,
    dates[i % 4], `ZTEG${String(i).padStart(8, '0')}`, `LAW.P.${Math.floor(i / 8)}`, `PON-${Math.floor(i / 64)}`, `Z${Math.floor(i / 4096)}`];
};
const HEADER = ['DR Number', 'Project', 'Address', 'GPS', 'Install Date', 'ONT Serial', 'Pole', 'PON', 'Zone'];

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER.join(',')}\n`);
  for (let i = 0; i < N; i++) {
    if (!out.write(`${row(i).map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

async function writeXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('Drops');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < N; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

async function openDb(): Promise<{ db: Db; done: () => Promise<void>; label: string }> {
  if (!serverUrl) {
    const db = await createPgliteDb('memory://');
    return { db, done: () => db.close(), label: 'PGlite (in memory)' };
  }
  const name = `ff_bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createPgDb(url.toString(), 4);
  return {
    db, label: `PostgreSQL (${name})`,
    done: async () => {
      await db.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function run(ctx: ServiceContext, clientId: string, file: string): Promise<void> {
  const secs = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
  let t0 = Date.now();
  const preview = await previewImportFile(ctx, clientId, path.basename(file), createReadStream(file));
  console.log(`  preview ${path.basename(file)}: ${secs(t0)} s`, preview.summary.counts ?? preview.summary);
  t0 = Date.now();
  const applied = await confirmImport(ctx, preview.id);
  console.log(`  confirm (one transaction): ${secs(t0)} s`, applied.summary.counts);
}

async function main(): Promise<void> {
  const config = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir });
  setConfig(config);
  const files = [path.join(dir, 'drops.csv')];
  let t0 = Date.now();
  await writeCsv(files[0]);
  if (XLSX) {
    files.push(path.join(dir, 'drops.xlsx'));
    await writeXlsx(files[1]);
  }
  console.log(`Wrote ${N} drops as ${files.map((f) => path.basename(f)).join(' and ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const file of files) {
    const { db, done, label } = await openDb();
    try {
      await migrate(db);
      const { rows: c } = await db.query<{ id: string }>("INSERT INTO clients (name, code) VALUES ('Fibertime', 'FTM') RETURNING id");
      await db.query("INSERT INTO projects (client_id, name, code) VALUES ($1, 'Lawley', 'LAW'), ($1, 'Mohadin', 'MOH')", [c[0].id]);
      const { rows: u } = await db.query<{ id: string }>("INSERT INTO users (email, name, role) VALUES ('bench@x', 'Bench', 'admin') RETURNING id");
      const ctx: ServiceContext = { db, clock: systemClock, config, log: rootLogger(), user: { id: u[0].id, name: 'Bench', role: 'admin' } };
      console.log(`\n${label}, ${path.basename(file)}: first import`);
      t0 = Date.now();
      await run(ctx, c[0].id, file);
      console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)} s (target: under 60 s)`);
      console.log('Same file again (must be all unchanged):');
      await run(ctx, c[0].id, file);
    } finally {
      await done();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
