// Shared set-up for the WhatsApp tests: a database, the WAHA and SMS emulators, the API on a manual clock with
// WAHA configured (signed webhooks), users, drops, and helpers to run the inbound and outbox workers.
import { ManualClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import type { UserRole } from '@/src/modules/ticketing/types/enums';
import { startSmsEmulator, type SmsEmulator } from '@/emulators/sms';
import { startWahaEmulator, type WahaEmulator } from '@/emulators/waha';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import { seedFees } from './billingFixture';

export const WAHA_KEY = 'test-waha-api-key';
export const HMAC_KEY = 'test-waha-hmac-key';
export const SMS_KEY = 'test-sms-key';

export interface WhatsappWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  waha: WahaEmulator;
  sms: SmsEmulator;
  users: Record<UserRole, TestUser>;
  projectId: string;
  as: (u: TestUser) => ReturnType<typeof client>;
  deps: () => OutboxDeps;
  drop: () => Promise<string>;
  /** Runs the inbound worker until nothing is due. */
  processInbound: () => Promise<void>;
  runOutbox: () => ReturnType<typeof processOutboxBatch>;
  count: (sql: string, params?: unknown[]) => Promise<number>;
  rows: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export async function whatsappWorld(env: Record<string, string> = {}): Promise<WhatsappWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock('2026-11-25T08:30:00Z');
  const waha = await startWahaEmulator({ apiKey: WAHA_KEY, hmacKey: HMAC_KEY });
  const sms = await startSmsEmulator({ apiKey: SMS_KEY });
  const server = await startTestServer({
    db: tdb.db, clock,
    env: { WAHA_URL: waha.url, WAHA_API_KEY: WAHA_KEY, WAHA_WEBHOOK_KEY: HMAC_KEY, SMS_URL: sms.url, SMS_API_KEY: SMS_KEY, SMS_SENDER: 'FibreFlow', ...env },
  });
  waha.setWebhook(`${server.url}/tickets-webhook-whatsapp`);
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const users = {} as WhatsappWorld['users'];
  for (const role of ['admin', 'manager', 'agent', 'technician', 'finance'] as UserRole[]) users[role] = await makeUser(tdb.db, { role });
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
  await seedFees({ tdb });
  const log = moduleLogger('test-whatsapp').child({}, { level: 'silent' });
  const deps = (): OutboxDeps => ({ db: tdb.db, clock, config: server.config, log });
  const installed = new Date(clock.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  return {
    tdb, server, clock, waha, sms, users, projectId: project.id,
    as: (u) => client(server.url, { token: u.token }),
    deps,
    drop: async () => (await makeDrop(tdb.db, { projectId: project.id, installDate: installed })).drNumber,
    processInbound: async () => {
      for (let i = 0; i < 20; i += 1) if ((await processInboundBatch(deps(), { random: () => 0 })).claimed === 0) return;
    },
    runOutbox: () => processOutboxBatch(deps(), { random: () => 0 }),
    count: async (sql, params = []) => Number((await tdb.db.query<{ n: number }>(sql, params)).rows[0].n),
    rows: async <T>(sql: string, params: unknown[] = []) => (await tdb.db.query<T>(sql, params)).rows,
    close: async () => {
      await server.close();
      await waha.close();
      await sms.close();
      await tdb.drop();
    },
  };
}
