// A web process for the multi-process test: every API route over real HTTP on a loopback port, on the PostgreSQL
// database in DATABASE_URL, in its own Node process. Prints "listening <url>" when ready; SIGTERM stops it.
// Usage: DATABASE_URL=... [SMTP_HOST=... SMTP_PORT=...] node --import tsx tests/helpers/apiServerProcess.ts
import { createPgDb } from '@/src/lib/db/pg';
import { startTestServer } from './server';

const passed = ['DATABASE_URL', 'SMTP_HOST', 'SMTP_PORT', 'INVOICING_URL', 'INVOICING_API_KEY', 'BUSINESS_TIMEZONE'];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = createPgDb(url, 10);
  const env = Object.fromEntries(passed.filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]));
  const server = await startTestServer({ db, env });
  process.stdout.write(`listening ${server.url}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => db.close()).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
