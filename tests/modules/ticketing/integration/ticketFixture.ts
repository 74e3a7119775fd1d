// Shared set-up for the ticket route tests: a database, a server on a manual clock, users of each role, drops.
import { ManualClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import type { UserRole } from '@/src/modules/ticketing/types/enums';

export interface TicketWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  users: Record<UserRole, TestUser> & { tech2: TestUser };
  projectId: string;
  clientId: string;
  /** A drop installed ten days before the clock: inside its guarantee, so tickets start in status new. */
  drop: () => Promise<string>;
  as: (u: TestUser) => ReturnType<typeof client>;
  count: (sql: string, params?: unknown[]) => Promise<number>;
  close: () => Promise<void>;
}

export async function ticketWorld(start = '2026-11-25T08:30:00Z'): Promise<TicketWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock(start);
  // Mail is configured (nothing is delivered here: no worker runs), so notices are queued in the outbox.
  const server = await startTestServer({ db: tdb.db, clock, env: { SMTP_HOST: '127.0.0.1' } });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const roles: UserRole[] = ['admin', 'manager', 'agent', 'technician', 'finance'];
  const users = {} as TicketWorld['users'];
  for (const role of roles) users[role] = await makeUser(tdb.db, { role });
  users.tech2 = await makeUser(tdb.db, { role: 'technician' });
  const installed = new Date(clock.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  return {
    tdb, server, clock, users, projectId: project.id, clientId: project.clientId,
    drop: async () => (await makeDrop(tdb.db, { projectId: project.id, installDate: installed })).drNumber,
    as: (u) => client(server.url, { token: u.token }),
    count: async (sql, params = []) => Number((await tdb.db.query<{ n: number }>(sql, params)).rows[0].n),
    close: async () => {
      await server.close();
      await tdb.drop();
    },
  };
}
