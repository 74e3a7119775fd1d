// Shared set-up for the SLA and notification tests: a database, the API on a manual clock, a loopback SMTP server
// and WAHA, users of each role, drops inside their guarantee (so tickets start in status new), and small helpers.
import { ManualClock } from '@/src/lib/clock';
import { rootLogger } from '@/src/lib/logger';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import type { UserRole } from '@/src/modules/ticketing/types/enums';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import { startTestSmtp, startTestWaha, type TestSmtp, type TestWaha } from './notificationServers';

export interface SlaTicket {
  id: string;
  ticketUid: string;
  title: string;
  priority: string;
  status: string;
  version: number;
  dueAt: string | null;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
  sla: {
    state: string;
    percentElapsed: number | null;
    responsePercentElapsed: number | null;
    paused: boolean;
    breached: boolean;
    dueAt: string | null;
    breachedAt: string | null;
  };
}

export interface SlaWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  smtp: TestSmtp;
  waha: TestWaha;
  users: Record<UserRole, TestUser> & { manager2: TestUser };
  projectId: string;
  deps: () => OutboxDeps;
  drop: () => Promise<string>;
  as: (u: TestUser) => ReturnType<typeof client>;
  /** Local Johannesburg time -> Date (UTC+2, no DST). */
  at: (local: string) => Date;
  rows: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export const sast = (local: string): Date => new Date(`${local}+02:00`);

export async function slaWorld(startLocal = '2026-11-25T08:00'): Promise<SlaWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock(sast(startLocal));
  const smtp = await startTestSmtp();
  const waha = await startTestWaha();
  const server = await startTestServer({
    db: tdb.db,
    clock,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), WAHA_URL: waha.url, WAHA_API_KEY: waha.apiKey, APP_URL: 'http://tickets.test' },
  });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const roles: UserRole[] = ['admin', 'manager', 'agent', 'technician', 'finance'];
  const users = {} as SlaWorld['users'];
  for (const role of roles) users[role] = await makeUser(tdb.db, { role });
  users.manager2 = await makeUser(tdb.db, { role: 'manager' });
  const installed = new Date(clock.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  return {
    tdb, server, clock, smtp, waha, users, projectId: project.id,
    deps: () => ({ db: tdb.db, config: server.config, clock, log: rootLogger().child({ test: 'sla' }) }),
    drop: async () => (await makeDrop(tdb.db, { projectId: project.id, installDate: installed })).drNumber,
    as: (u) => client(server.url, { token: u.token }),
    at: sast,
    rows: async <T,>(sql: string, params: unknown[] = []) => (await tdb.db.query<T>(sql, params)).rows,
    close: async () => {
      await server.close();
      await smtp.close();
      await waha.close();
      await tdb.drop();
    },
  };
}
