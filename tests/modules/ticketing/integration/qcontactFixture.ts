// Shared set-up for the QContact tests: a database, the QContact emulator seeded with cases whose drops we know
// (inside their guarantee, so tickets open as "new"), the API on a manual clock, and the users who act.
import { ManualClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import { OUR_ASSIGNEE, startQcontactEmulator, type QcontactEmulator } from '@/emulators/qcontact';
import type { UserRole } from '@/src/modules/ticketing/types/enums';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

export const WEBHOOK_SECRET = 'qcontact-webhook-secret-0001';

export interface QcontactWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  emu: QcontactEmulator;
  users: Record<UserRole, TestUser>;
  drNumbers: string[];
  deps: () => OutboxDeps;
  as: (u: TestUser) => ReturnType<typeof client>;
  count: (sql: string, params?: unknown[]) => Promise<number>;
  /** POST qcontact-sync as the admin; fails unless 200. */
  sync: () => Promise<Record<string, number | string | boolean | null>>;
  runOutbox: () => ReturnType<typeof processOutboxBatch>;
  /** Cases assigned to us, in the emulator. */
  ours: () => number[];
  close: () => Promise<void>;
}

export async function qcontactWorld(o: { cases?: number; env?: Record<string, string> } = {}): Promise<QcontactWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock(new Date(Date.now()).toISOString());
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const drNumbers: string[] = [];
  const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 12; i += 1) drNumbers.push((await makeDrop(tdb.db, { projectId: project.id, installDate: recent })).drNumber);
  const emu = await startQcontactEmulator({ seed: { count: o.cases ?? 200, drNumbers, now: new Date() } });
  const server = await startTestServer({
    db: tdb.db, clock,
    env: {
      QCONTACT_URL: emu.url, QCONTACT_EMAIL: emu.email, QCONTACT_PASSWORD: emu.password, QCONTACT_ASSIGNEE_ID: OUR_ASSIGNEE.id,
      QCONTACT_WEBHOOK_SECRET: WEBHOOK_SECRET, QCONTACT_TIMEOUT_MS: '2500', ...o.env,
    },
  });
  const users = {} as QcontactWorld['users'];
  for (const role of ['admin', 'manager', 'agent', 'technician', 'finance'] as UserRole[]) users[role] = await makeUser(tdb.db, { role });
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
  const log = moduleLogger('test').child({}, { level: 'silent' });
  const deps = (): OutboxDeps => ({ db: tdb.db, clock, log, config: server.config });
  const admin = client(server.url, { token: users.admin.token });
  return {
    tdb, server, clock, emu, users, drNumbers, deps,
    as: (u) => client(server.url, { token: u.token }),
    count: async (sql, params = []) => Number((await tdb.db.query<{ n: number }>(sql, params)).rows[0].n),
    sync: async () => {
      const r = await admin.post<Record<string, number | string | boolean | null>>('qcontact-sync', {});
      if (r.status !== 200) throw new Error(`sync: ${r.status} ${JSON.stringify(r.body.error)}`);
      return r.body.data;
    },
    runOutbox: () => processOutboxBatch(deps(), { limit: 50, random: () => 0 }),
    ours: () => [...emu.cases.values()].filter((c) => c.assignedTo.id === OUR_ASSIGNEE.id).map((c) => c.id),
    close: async () => {
      await server.close();
      await emu.close();
      await tdb.drop();
    },
  };
}

/** Everything a sync could write to tickets, as one comparable value. */
export async function ticketFootprint(w: QcontactWorld): Promise<Record<string, number | string>> {
  const { rows } = await w.tdb.db.query<Record<string, number | string>>(
    `SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT coalesce(sum(version), 0)::int FROM tickets) AS versions,
            (SELECT coalesce(max(updated_at)::text, '') FROM tickets) AS updated, (SELECT count(*)::int FROM ticket_history) AS history,
            (SELECT count(*)::int FROM ticket_notes) AS notes, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM inbound_events) AS inbound`,
  );
  return rows[0];
}
