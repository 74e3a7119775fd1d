// Shared set-up for the email tests: a database, an SMTP server on loopback receiving our mail, the API over HTTP
// with the email webhook token, the MIME fixtures under tests/fixtures/email, and the inbound and outbox workers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { call, client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import { startTestSmtp, type TestSmtp } from './notificationServers';

export const WEBHOOK_TOKEN = 'email-webhook-token-0123456789';
export const OUR_FROM = 'FibreFlow Tickets <tickets@fibreflow.test>';
const FIXTURES = path.join(process.cwd(), 'tests', 'fixtures', 'email');

/** A fixture's bytes, with {{NAME}} placeholders filled in. */
export function fixture(name: string, vars: Record<string, string> = {}): Buffer {
  let s = readFileSync(path.join(FIXTURES, name)).toString('latin1');
  for (const [k, v] of Object.entries(vars)) s = s.split(`{{${k}}}`).join(v);
  return Buffer.from(s, 'latin1');
}

export interface EmailWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  smtp: TestSmtp;
  admin: TestUser;
  agent: TestUser;
  drNumber: string;
  projectId: string;
  deps: () => OutboxDeps;
  api: (u: TestUser) => ReturnType<typeof client>;
  /** POSTs a raw message to the webhook as message/rfc822. */
  post: (raw: Buffer | string | FormData, token?: string, contentType?: string | null) => ReturnType<typeof call>;
  /** Runs the inbound worker for email until nothing is due. */
  inbound: () => Promise<void>;
  outbox: () => ReturnType<typeof processOutboxBatch>;
  one: <T>(sql: string, params?: unknown[]) => Promise<T>;
  close: () => Promise<void>;
}

export async function emailWorld(env: Record<string, string> = {}): Promise<EmailWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock('2026-11-25T08:30:00Z');
  const smtp = await startTestSmtp();
  const server = await startTestServer({
    db: tdb.db, clock,
    env: { EMAIL_WEBHOOK_TOKEN: WEBHOOK_TOKEN, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: OUR_FROM, ...env },
  });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const drop = await makeDrop(tdb.db, { projectId: project.id, drNumber: 'DR1734315' });
  const admin = await makeUser(tdb.db, { role: 'admin' });
  const agent = await makeUser(tdb.db, { role: 'agent' });
  // Staff notices (assignments) stay out of the mail these tests count.
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
  const log = moduleLogger('test-email').child({}, { level: 'silent' });
  const deps = (): OutboxDeps => ({ db: tdb.db, clock, config: server.config, log });
  return {
    tdb, server, clock, smtp, admin, agent, drNumber: drop.drNumber, projectId: project.id, deps,
    api: (u) => client(server.url, { token: u.token }),
    post: (raw, token = WEBHOOK_TOKEN, contentType = 'message/rfc822') =>
      call(server.url, 'POST', 'tickets-webhook-email', {
        rawBody: raw,
        headers: { ...(contentType && !(raw instanceof FormData) ? { 'content-type': contentType } : {}), ...(token ? { 'x-webhook-token': token } : {}) },
      }),
    inbound: async () => {
      for (let i = 0; i < 20; i++) if ((await processInboundBatch(deps(), { sources: ['email'] })).claimed === 0) return;
    },
    outbox: () => processOutboxBatch(deps(), { random: () => 1 }),
    one: async (sql, params = []) => (await tdb.db.query(sql, params)).rows[0] as never,
    close: async () => {
      await server.close();
      await smtp.close();
      await tdb.drop();
    },
  };
}

/** A header of a raw received mail (unfolded). */
export function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}
