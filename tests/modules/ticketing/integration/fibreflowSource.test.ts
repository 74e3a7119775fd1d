// NETWORK_REGISTER_SOURCE=fibreflow over HTTP: the register, the drop lookup, ticket creation, guarantees and repeat
// faults read FibreFlow's tables through the register views; the register refuses changes; tickets still hold their
// foreign keys (the rows they point at are copied into our tables with FibreFlow's ids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeUser, type TestUser } from '../../../helpers/factories';
import { applyRegisterViews, createFibreFlowTables } from '../../../helpers/fibreflow';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

const C = '11111111-1111-4111-8111-111111111111';
const P = '22222222-2222-4222-8222-222222222222';
const D1 = '33333333-3333-4333-8333-333333333331';
const D2 = '33333333-3333-4333-8333-333333333332';
const CRON = { headers: { 'x-cron-secret': 'test-cron-secret-0123456789' } };

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
let manager: TestUser;
let ownDr: string;
const as = (u: TestUser) => client(server.url, { token: u.token });
const count = async (sql: string, params: unknown[] = []) => Number((await tdb.db.query<{ n: number }>(sql, params)).rows[0].n);

beforeAll(async () => {
  tdb = await createTestDb();
  const clock = new ManualClock('2026-11-25T08:30:00Z');
  server = await startTestServer({ db: tdb.db, clock, env: { NETWORK_REGISTER_SOURCE: 'fibreflow' } });
  agent = await makeUser(tdb.db, { role: 'agent' });
  manager = await makeUser(tdb.db, { role: 'manager' });
  // A drop in our own tables: with FibreFlow as the source the register must not show it.
  ownDr = (await makeDrop(tdb.db)).drNumber;
  await createFibreFlowTables(tdb.db);
  await tdb.db.query("INSERT INTO fibreflow.clients VALUES ($1, 'Fibertime', 'FTM', 'active')", [C]);
  await tdb.db.query("INSERT INTO fibreflow.projects VALUES ($1, $2, 'Lawley', 'LAW', 'Gauteng', NULL)", [P, C]);
  await tdb.db.query(
    `INSERT INTO fibreflow.drops (id, drop_number, pole_number, project_id, address, installation_date, status, metadata) VALUES
      ($2, 'DR1734315', 'LAW.P.B167', $1, '1 Main Rd', '2026-11-15', 'installed', '{"pon": "PON-4", "zone": "Z7", "lat": "-26.3812", "lng": "27.8123"}'),
      ($3, 'dr 1734316', 'LAW.P.B167', $1, '2 Main Rd', '2026-11-15', 'installed', '{}'),
      (gen_random_uuid(), 'DR1734317', NULL, $1, NULL, NULL, 'removed', '{}')`,
    [P, D1, D2],
  );
  await applyRegisterViews(tdb.db);
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

interface Named {
  id: string;
  name?: string;
  drNumber?: string;
  [k: string]: unknown;
}

describe('the register reads FibreFlow', () => {
  it('lists and shows FibreFlow clients, projects and drops, not our own rows', async () => {
    const a = as(agent);
    expect((await a.get<Named[]>('network-clients')).body.data).toEqual([
      expect.objectContaining({ id: C, name: 'Fibertime', code: 'FTM', active: true, projectCount: 1, updatedAt: null }),
    ]);
    expect((await a.get<Named[]>('network-projects')).body.data).toEqual([
      expect.objectContaining({ id: P, clientId: C, clientName: 'Fibertime', name: 'Lawley', code: 'LAW', dropCount: 3 }),
    ]);
    const drops = await a.get<Named[]>(`network-drops?client=${C}`);
    expect(drops.body.data.map((d) => d.drNumber)).toEqual(['DR1734315', 'DR1734316']);
    expect((await a.get<Named[]>('network-drops?includeInactive=1')).body.data.map((d) => d.drNumber)).toEqual(['DR1734315', 'DR1734316', 'DR1734317']);
    expect((await a.get<Named[]>('network-drops?pon=PON-4')).body.data.map((d) => d.id)).toEqual([D1]);
    const one = await a.get<Named>('network-drops?id=dr1734315');
    expect(one.body.data).toMatchObject({ id: D1, projectName: 'Lawley', clientName: 'Fibertime', poleNumber: 'LAW.P.B167', gpsLat: -26.3812, installDate: '2026-11-15' });
    expect((await a.get(`network-drops?id=${ownDr}`)).status).toBe(404);
    expect((await a.get<Named[]>('projects')).body.data.map((p) => p.id)).toEqual([P]);
  });

  it('refuses every change to the register with 409 and changes nothing', async () => {
    const m = as(manager);
    const before = await count('SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM drops) AS n');
    const refused = [
      await m.post('network-clients', { name: 'New client' }),
      await m.patch(`network-clients?id=${C}`, { active: false }),
      await m.post('network-projects', { clientId: C, name: 'Soweto', code: 'SOW' }),
      await m.patch(`network-projects?id=${P}`, { name: 'Renamed' }),
      await m.post('network-drops', { drNumber: 'DR7654321', projectId: P }),
      await m.patch('network-drops?id=DR1734315', { address: 'elsewhere' }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'REGISTER_READ_ONLY', message: expect.stringContaining('FibreFlow') });
    }
    const form = new FormData();
    form.append('file', new Blob(['Drop Number;Project\nDR7654321;Lawley\n'], { type: 'text/csv' }), 'register.csv');
    const res = await fetch(`${server.url}/network-import?client=${C}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${manager.token}` } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REGISTER_READ_ONLY');
    expect(await count('SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM projects) + (SELECT count(*) FROM drops) AS n')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM network_imports')).toBe(0);
    expect((await tdb.db.query("SELECT address FROM fibreflow.drops WHERE id = $1", [D1])).rows).toEqual([{ address: '1 Main Rd' }]);
  });
});

describe('tickets on FibreFlow drops', () => {
  it('looks a drop up and creates a ticket on it, filling project, client and address from FibreFlow', async () => {
    const a = as(agent);
    const look = await a.get<Record<string, unknown>>('tickets-lookup-drop?dr=DR1734315');
    expect(look.body.data).toMatchObject({ id: D1, projectName: 'Lawley', clientName: 'Fibertime', guarantee: { active: true, periodDays: 90 } });
    expect((await a.get(`tickets-lookup-drop?dr=${ownDr}`)).status).toBe(404);
    const t = await a.post<Record<string, unknown>>('tickets', { source: 'whatsapp', title: 'No light', drNumber: 'DR1734315', ticketType: 'fault' });
    expect(t.status).toBe(201);
    expect(t.body.data).toMatchObject({ dropId: D1, projectId: P, clientId: C, projectName: 'Lawley', clientName: 'Fibertime', address: '1 Main Rd', billingType: 'guarantee' });
    // The drop, project and client it points at are in our tables under FibreFlow's ids (the foreign keys hold).
    expect(await count('SELECT count(*)::int AS n FROM drops d JOIN projects p ON p.id = d.project_id JOIN clients c ON c.id = p.client_id WHERE d.id = $1 AND p.id = $2 AND c.id = $3', [D1, P, C])).toBe(1);
  });

  it('follows FibreFlow when it changes a drop, and a guarantee set for a FibreFlow project applies', async () => {
    await tdb.db.query("UPDATE fibreflow.drops SET metadata = metadata || '{\"pon\": \"PON-9\"}', address = '1b Main Rd' WHERE id = $1", [D1]);
    const m = as(manager);
    const g = await m.post<Record<string, unknown>>('guarantees', { projectId: P, guaranteePeriodDays: 5 });
    expect(g.status).toBe(200);
    expect(g.body.data).toMatchObject({ projectId: P, projectName: 'Lawley', guaranteePeriodDays: 5 });
    const look = await as(agent).get<Record<string, unknown>>('tickets-lookup-drop?dr=DR1734315');
    expect(look.body.data).toMatchObject({ address: '1b Main Rd', pon: 'PON-9', guarantee: { active: false, periodDays: 5 } });
    const t = await as(agent).post<Record<string, unknown>>('tickets', { source: 'internal', title: 'Check', drNumber: 'DR1734315', ticketType: 'query' });
    expect(t.body.data).toMatchObject({ address: '1b Main Rd' });
    const edited = await as(agent).patch<Record<string, unknown>>(`tickets-detail?id=${String(t.body.data.id)}`, { version: t.body.data.version, title: 'Check the ONT' });
    expect(edited.body.data).toMatchObject({ title: 'Check the ONT', dropId: D1, projectName: 'Lawley', clientName: 'Fibertime' });
    expect((await tdb.db.query('SELECT pon, address FROM drops WHERE id = $1', [D1])).rows).toEqual([{ pon: 'PON-9', address: '1b Main Rd' }]);
  });

  it('counts repeat faults on FibreFlow’s network elements', async () => {
    const a = as(agent);
    expect((await a.post('tickets', { source: 'whatsapp', title: 'No light', drNumber: 'DR1734316', ticketType: 'fault' })).status).toBe(201);
    expect((await a.post('tickets', { source: 'whatsapp', title: 'No light again', drNumber: 'DR1734316', ticketType: 'fault' })).status).toBe(201);
    expect((await client(server.url).post('cron-repeat-faults', {}, CRON)).status).toBe(200);
    const hot = (await as(manager).get<{ elements: { kind: string; key: string; faultCount: number }[] }>('network-hot-elements')).body.data.elements;
    // Two faults on DR1734316 and three (with the first test's) on the pole both drops hang on.
    expect(hot).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'drop', key: 'DR1734316', faultCount: 2 }),
      expect.objectContaining({ kind: 'pole', key: 'LAW.P.B167', faultCount: 3 }),
    ]));
  });

  it('takes contracts on FibreFlow clients and projects, copying a client no ticket has referred to yet', async () => {
    const C2 = '44444444-4444-4444-8444-444444444444';
    await tdb.db.query("INSERT INTO fibreflow.clients VALUES ($1, 'Vumatel', NULL, NULL)", [C2]);
    const m = as(manager);
    const onProject = await m.post<Record<string, unknown>>('contracts', { clientId: C, projectId: P, contractNumber: 'LAW-1', name: 'Lawley', startDate: '2026-01-01' });
    expect(onProject.status).toBe(201);
    expect(onProject.body.data).toMatchObject({ clientId: C, projectId: P, projectName: 'Lawley' });
    const wide = await m.post<Record<string, unknown>>('contracts', { clientId: C2, contractNumber: 'VUM-1', name: 'Vumatel', startDate: '2026-01-01' });
    expect(wide.status).toBe(201);
    expect(wide.body.data).toMatchObject({ clientId: C2, clientName: 'Vumatel' });
    expect((await m.post('contracts', { clientId: '55555555-5555-4555-8555-555555555555', contractNumber: 'X-1', name: 'X', startDate: '2026-01-01' })).status).toBe(422);
  });
});
