// Shared set-up for the billing route tests: a database, an invoicing emulator, a server on a manual clock, users,
// the seed's fee rows, and drops inside and outside their guarantee.
import { ManualClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import type { AppConfig } from '@/src/lib/config';
import { processOutboxBatch, type OutboxBatchOptions } from '@/src/modules/ticketing/jobs/outboxWorker';
import type { UserRole } from '@/src/modules/ticketing/types/enums';
import { startInvoicingEmulator, type InvoicingEmulator } from '@/emulators/invoicing';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

export const INVOICING_KEY = 'test-invoicing-key-0001';

export interface TicketView {
  id: string;
  ticketUid: string;
  status: string;
  billingType: string | null;
  requiresBillingApproval: boolean;
  version: number;
  projectId: string | null;
  clientId: string | null;
}

export interface BillingWorld {
  tdb: TestDb;
  server: TestServer;
  clock: ManualClock;
  emulator: InvoicingEmulator;
  users: Record<UserRole, TestUser>;
  projectId: string;
  clientId: string;
  as: (u: TestUser) => ReturnType<typeof client>;
  count: (sql: string, params?: unknown[]) => Promise<number>;
  /** A Lawley drop installed ten days before the clock (inside the default 90-day guarantee). */
  dropInGuarantee: (projectId?: string) => Promise<string>;
  /** A Lawley drop installed in January 2025 (guarantee long over). */
  dropOutOfGuarantee: (projectId?: string) => Promise<string>;
  /** POST tickets as the agent (or another user); fails the test unless 201. */
  createTicket: (body: Record<string, unknown>, as?: TestUser) => Promise<TicketView>;
  /** Runs one outbox batch on the server's database, clock and config. */
  runOutbox: (opts?: OutboxBatchOptions & { config?: Partial<AppConfig> }) => ReturnType<typeof processOutboxBatch>;
  close: () => Promise<void>;
}

/** The seed's fee rows for faults (base / hourly / travel in rand), valid for all projects from 2026-01-01. */
export async function seedFees(world: Pick<BillingWorld, 'tdb'>): Promise<void> {
  const rows: [string, number, number, number][] = [['critical', 500, 150, 100], ['high', 350, 120, 75], ['medium', 250, 100, 50], ['low', 150, 80, 50]];
  for (const [priority, base, hourly, travel] of rows) {
    await world.tdb.db.query(
      `INSERT INTO billable_fee_schedule (service_type, ticket_type, priority, base_fee, hourly_rate, travel_fee, effective_from)
       VALUES ($1, 'fault', $2, $3, $4, $5, '2026-01-01')`,
      [`Fault call-out (${priority})`, priority, base, hourly, travel],
    );
  }
}

export async function billingWorld(start = '2026-11-25T08:30:00Z', env: Record<string, string> = {}): Promise<BillingWorld> {
  const tdb = await createTestDb();
  const clock = new ManualClock(start);
  const emulator = await startInvoicingEmulator({ apiKey: INVOICING_KEY });
  const server = await startTestServer({ db: tdb.db, clock, env: { INVOICING_URL: emulator.url, INVOICING_API_KEY: INVOICING_KEY, SMTP_HOST: '127.0.0.1', ...env } });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  const users = {} as BillingWorld['users'];
  for (const role of ['admin', 'manager', 'agent', 'technician', 'finance'] as UserRole[]) users[role] = await makeUser(tdb.db, { role });
  // These tests count outbox deliveries of invoice lines: keep people's own notices (assignments) out of the outbox.
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
  const daysAgo = (n: number) => new Date(clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10);
  const world: BillingWorld = {
    tdb, server, clock, emulator, users, projectId: project.id, clientId: project.clientId,
    as: (u) => client(server.url, { token: u.token }),
    count: async (sql, params = []) => Number((await tdb.db.query<{ n: number }>(sql, params)).rows[0].n),
    dropInGuarantee: async (projectId = project.id) => (await makeDrop(tdb.db, { projectId, installDate: daysAgo(10) })).drNumber,
    dropOutOfGuarantee: async (projectId = project.id) => (await makeDrop(tdb.db, { projectId, installDate: '2025-01-15' })).drNumber,
    createTicket: async (body, as = users.agent) => {
      const res = await client(server.url, { token: as.token }).post<TicketView>('tickets', { source: 'internal', title: 'Fault', ...body });
      if (res.status !== 201) throw new Error(`create ticket: ${res.status} ${JSON.stringify(res.body.error)}`);
      return res.body.data;
    },
    runOutbox: ({ config, ...opts } = {}) =>
      processOutboxBatch({ db: tdb.db, clock, config: { ...server.config, ...config }, log: moduleLogger('test-outbox') }, { random: () => 1, ...opts }),
    close: async () => {
      await server.close();
      await emulator.close();
      await tdb.drop();
    },
  };
  await seedFees(world);
  return world;
}
