// Demo data: realistic, complete (every source, every status, guarantee and not), real logins, and idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootLogger } from '@/src/lib/logger';
import { isEmptyDatabase } from '@/src/modules/ticketing/db/seedRepo';
import { seedDemo, DEMO_USERS, localDate, type SeedSummary } from '@/src/modules/ticketing/seed';
import { daysBefore, demoDrops, DEMO_FEES } from '@/src/modules/ticketing/seed/demoData';
import { TICKET_SOURCES, TICKET_STATUSES } from '@/src/modules/ticketing/types/enums';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, testConfig, type TestServer } from '../helpers/server';
import { client } from '../helpers/http';

const NOW = new Date('2026-11-25T10:00:00Z');
let tdb: TestDb;
let first: SeedSummary;

const TABLES = ['clients', 'projects', 'drops', 'project_guarantees', 'client_contracts', 'billable_fee_schedule', 'users', 'tickets', 'ticket_history', 'ticket_billing', 'ticket_notes', 'outbox'];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  return out;
}

let emptyBefore: boolean;
beforeAll(async () => {
  tdb = await createTestDb();
  emptyBefore = await isEmptyDatabase(tdb.db);
  first = await seedDemo({ db: tdb.db, config: testConfig(), log: rootLogger().child({}, { level: 'silent' }), now: NOW });
}, 180_000);
afterAll(async () => {
  await tdb.drop();
});

describe('demo seed', () => {
  it('knows an empty database from a seeded one (npm start seeds only the first)', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isEmptyDatabase(tdb.db)).toBe(false);
  });

  it('loads the reference data of the operator’s world', async () => {
    expect(first).toMatchObject({ clients: 1, projects: 3, guarantees: 3, contracts: 1, fees: DEMO_FEES.length, users: DEMO_USERS.length });
    expect(first.drops).toBe(24);
    expect(first.tickets).toBeGreaterThanOrEqual(30);
    const { rows } = await tdb.db.query<{ name: string }>('SELECT name FROM projects ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['Lawley', 'Mamelodi', 'Mohadin']);
    const drop = await tdb.db.query<{ dr_number: string; pole_number: string; ont_serial: string; pon: string; zone: string }>(
      "SELECT dr_number, pole_number, ont_serial, pon, zone FROM drops WHERE dr_number = 'DR1734315'",
    );
    expect(drop.rows[0]).toMatchObject({ pole_number: expect.stringMatching(/^LAW\.P\.B\d{3}$/), ont_serial: expect.stringMatching(/^ALCL[0-9A-F]{8}$/) });
  });

  it('spreads install dates so some drops are inside the 90-day guarantee and some are not', async () => {
    const { rows } = await tdb.db.query<{ inside: number; outside: number }>(
      `SELECT count(*) FILTER (WHERE install_date + 90 > $1::date)::int AS inside,
              count(*) FILTER (WHERE install_date + 90 <= $1::date)::int AS outside FROM drops`,
      [localDate(NOW, 'Africa/Johannesburg')],
    );
    expect(rows[0].inside).toBeGreaterThan(0);
    expect(rows[0].outside).toBeGreaterThan(0);
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(new Set(demoDrops('2026-11-25').map((d) => d.drNumber)).size).toBe(24);
  });

  it('has a WhatsApp conversation with a photo and a voice note kept as attachments, and a read reply', async () => {
    const { rows } = await tdb.db.query<{ direction: string; ack: number | null; attachment: string | null }>(
      "SELECT direction, ack, media->>'attachmentId' AS attachment FROM whatsapp_messages ORDER BY created_at, seq",
    );
    expect(rows.map((r) => r.direction)).toEqual(['in', 'in', 'out', 'in']);
    expect(rows.filter((r) => r.attachment).length).toBe(2);
    expect(rows[2].ack).toBe(3);
  });

  it('has tickets from every source in every status, with every billing type', async () => {
    const sources = await tdb.db.query<{ source: string }>('SELECT DISTINCT source FROM tickets');
    expect(sources.rows.map((r) => r.source).sort()).toEqual([...TICKET_SOURCES].sort());
    const statuses = await tdb.db.query<{ status: string }>('SELECT DISTINCT status FROM tickets');
    expect(statuses.rows.map((r) => r.status).sort()).toEqual([...TICKET_STATUSES].sort());
    const billing = await tdb.db.query<{ billing_type: string }>('SELECT DISTINCT billing_type FROM tickets');
    expect(billing.rows.map((r) => r.billing_type).sort()).toEqual(['billable', 'guarantee', 'sla']);
  });

  it('gives each source its UID format', async () => {
    const { rows } = await tdb.db.query<{ source: string; ticket_uid: string }>('SELECT source, ticket_uid FROM tickets');
    const formats: Record<string, RegExp> = {
      qcontact: /^FT\d+$/, whatsapp: /^DR\d{7}-\d+$/, whatsapp_outbound: /^DR\d{7}-\d+$/, construction: /^DR\d{7}-\d+$/,
      email: /^EML-\d{6}$/, internal: /^FF-\d{6}$/, adhoc: /^AH-\d{6}$/, weekly_report: /^(FT\d+|DR\d{7}-\d+)$/,
    };
    for (const r of rows) expect(r.ticket_uid).toMatch(formats[r.source]);
  });

  it('lets every demo user log in with the documented password', async () => {
    const server: TestServer = await startTestServer({ db: tdb.db });
    try {
      for (const u of DEMO_USERS) {
        const res = await client(server.url).post<{ user: { role: string } }>('auth-login', { email: u.email, password: u.password });
        expect(res.status).toBe(200);
        expect(res.body.data.user.role).toBe(u.role);
      }
    } finally {
      await server.close();
    }
  });

  it('changes nothing when run again, even a day later', async () => {
    const before = await counts();
    const again = await seedDemo({ db: tdb.db, config: testConfig(), log: rootLogger().child({}, { level: 'silent' }), now: new Date(NOW.getTime() + 86_400_000) });
    expect(again).toEqual({ clients: 0, projects: 0, drops: 0, guarantees: 0, contracts: 0, fees: 0, users: 0, tickets: 0 });
    expect(await counts()).toEqual(before);
  });
});
