// The network register over HTTP: clients, projects and drops searched, paged, created, edited and deactivated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDrop } from '../../../helpers/factories';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface Row {
  id: string;
  name?: string;
  drNumber?: string;
  active: boolean;
  [k: string]: unknown;
}

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

describe('clients', () => {
  it('creates, searches with keyset paging, edits and deactivates a client; duplicates are a 409', async () => {
    const m = w.as(w.users.manager);
    for (const name of ['Alpha Fibre', 'Beta Fibre', 'Gamma Fibre']) {
      expect((await m.post('network-clients', { name, code: name.slice(0, 3).toUpperCase() })).status).toBe(201);
    }
    expect((await m.post('network-clients', { name: 'Alpha Fibre' })).status).toBe(409);
    const p1 = await m.get<Row[]>('network-clients?q=fibre&limit=2');
    expect(p1.body.data.map((c) => c.name)).toEqual(['Alpha Fibre', 'Beta Fibre']);
    const p2 = await m.get<Row[]>(`network-clients?q=fibre&limit=2&cursor=${p1.body.meta.nextCursor as string}`);
    expect(p2.body.data.map((c) => c.name)).toEqual(['Gamma Fibre']);
    expect(p2.body.meta.nextCursor).toBeNull();
    const gamma = p2.body.data[0];
    const off = await m.patch<Row>(`network-clients?id=${gamma.id}`, { active: false, contactEmail: 'ops@gamma.test' });
    expect(off.body.data).toMatchObject({ active: false, contactEmail: 'ops@gamma.test' });
    expect((await m.get<Row[]>('network-clients?q=gamma')).body.data).toHaveLength(0);
    expect((await m.get<Row[]>('network-clients?q=gamma&includeInactive=1')).body.data).toHaveLength(1);
    expect((await m.patch(`network-clients?id=${gamma.id}`, { name: 'Beta Fibre' })).status).toBe(409);
    expect((await m.patch('network-clients?id=nope', { active: true })).status).toBe(404);
    expect((await m.get('network-clients?cursor=forged')).status).toBe(400);
  });

  it('lets agents read the register but not change it, and has no DELETE', async () => {
    const a = w.as(w.users.agent);
    expect((await a.get('network-clients')).status).toBe(200);
    expect((await a.post('network-clients', { name: 'Nope' })).status).toBe(403);
    expect((await w.as(w.users.admin).del('network-clients?id=x')).status).toBe(405);
  });
});

describe('projects', () => {
  it('creates a project under a known active client only, lists it by client, and deactivates it', async () => {
    const m = w.as(w.users.manager);
    const client = (await m.post<Row>('network-clients', { name: 'Delta Fibre' })).body.data;
    const created = await m.post<Row>('network-projects', { clientId: client.id, name: 'Soweto', code: 'SOW', region: 'Gauteng' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ clientName: 'Delta Fibre', dropCount: 0, active: true });
    expect((await m.post('network-projects', { clientId: client.id, name: 'Soweto 2', code: 'SOW' })).status).toBe(409);
    expect((await m.post('network-projects', { clientId: '00000000-0000-4000-8000-000000000000', name: 'X', code: 'X1' })).status).toBe(422);
    const listed = await m.get<Row[]>(`network-projects?client=${client.id}`);
    expect(listed.body.data.map((p) => p.code)).toEqual(['SOW']);
    const renamed = await m.patch<Row>(`network-projects?id=${created.body.data.id}`, { name: 'Soweto East', code: 'SOWE' });
    expect(renamed.body.data).toMatchObject({ name: 'Soweto East', code: 'SOWE', region: 'Gauteng' });
    const bare = await m.post<Row>('network-drops', { drNumber: 'DR7000002', projectId: created.body.data.id });
    expect(bare.body.data).toMatchObject({ address: null, gpsLat: null, installDate: null, poleNumber: null });
    const off = await m.patch<Row>(`network-projects?id=${created.body.data.id}`, { active: false, region: null });
    expect(off.body.data).toMatchObject({ active: false, region: null });
    expect((await m.get<Row[]>(`network-projects?client=${client.id}`)).body.data).toHaveLength(0);
    expect((await m.post('network-drops', { drNumber: 'DR7000001', projectId: created.body.data.id })).status).toBe(422);
    await m.patch(`network-clients?id=${client.id}`, { active: false });
    expect((await m.post('network-projects', { clientId: client.id, name: 'Late', code: 'LATE' })).status).toBe(422);
    expect((await m.patch('network-projects?id=00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});

describe('drops', () => {
  it('creates a drop with every register field, finds it by DR, searches and pages, and refuses bad input', async () => {
    const m = w.as(w.users.manager);
    const body = {
      drNumber: 'dr7100001', projectId: w.projectId, address: '1 Pole Street, Lawley', gpsLat: -26.3821, gpsLng: 27.8123,
      installDate: '2026-10-01', ontSerial: 'ZTEG12345678', poleNumber: 'LAW.P.B167', pon: 'PON-4', zone: 'Z7',
    };
    const created = await m.post<Row>('network-drops', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ...body, drNumber: 'DR7100001', projectName: 'Lawley', active: true });
    expect((await m.post('network-drops', body)).status).toBe(409);
    expect((await m.post('network-drops', { ...body, drNumber: 'DR12' })).status).toBe(400);
    expect((await m.post('network-drops', { ...body, drNumber: 'DR7100002', gpsLat: -91 })).status).toBe(400);
    expect((await m.post('network-drops', { ...body, drNumber: 'DR7100002', installDate: '2026-02-30' })).status).toBe(400);
    expect((await m.get<Row>('network-drops?id=DR7100001')).body.data.id).toBe(created.body.data.id);
    expect((await m.get('network-drops?id=DR7199999')).status).toBe(404);
    await m.post('network-drops', { ...body, drNumber: 'DR7100003' });
    await m.post('network-drops', { ...body, drNumber: 'DR7100004', poleNumber: 'LAW.P.B168' });
    const page1 = await m.get<Row[]>('network-drops?q=DR71000&limit=2');
    expect(page1.body.data.map((d) => d.drNumber)).toEqual(['DR7100001', 'DR7100003']);
    const page2 = await m.get<Row[]>(`network-drops?q=DR71000&limit=2&cursor=${page1.body.meta.nextCursor as string}`);
    expect(page2.body.data.map((d) => d.drNumber)).toEqual(['DR7100004']);
    expect((await m.get<Row[]>('network-drops?pole=LAW.P.B168')).body.data.map((d) => d.drNumber)).toEqual(['DR7100004']);
    expect((await m.get<Row[]>(`network-drops?project=${w.projectId}&client=${w.clientId}&pon=PON-4&zone=Z7&limit=200`)).body.data.length).toBeGreaterThanOrEqual(3);
  });

  it('deactivates a drop that tickets point at instead of deleting it; it stays readable', async () => {
    const m = w.as(w.users.manager);
    const dr = await w.drop();
    await w.as(w.users.agent).post('tickets', { source: 'whatsapp', title: 'No light', drNumber: dr });
    const off = await m.patch<Row>(`network-drops?id=${dr}`, { active: false, address: null });
    expect(off.body.data).toMatchObject({ active: false, address: null });
    expect((await m.get<Row[]>(`network-drops?q=${dr}`)).body.data).toHaveLength(0);
    expect((await m.get<Row[]>(`network-drops?q=${dr}&includeInactive=true`)).body.data).toHaveLength(1);
    expect(await w.count('SELECT count(*)::int AS n FROM tickets WHERE dr_number = $1', [dr])).toBe(1);
    expect((await m.patch('network-drops?id=DR7999999', { active: true })).status).toBe(404);
  });

  it('re-checks open tickets when the install date changes: guarantee to billable, with history', async () => {
    const m = w.as(w.users.manager);
    const dr = await w.drop();
    const t = (await w.as(w.users.agent).post<{ id: string; billingType: string }>('tickets', { source: 'whatsapp', title: 'No light', drNumber: dr })).body.data;
    expect(t.billingType).toBe('guarantee');
    const res = await m.patch<Row>(`network-drops?id=${dr}`, { installDate: '2024-01-01' });
    expect(res.status).toBe(200);
    expect(res.body.data.ticketsRechecked).toBe(1);
    expect(res.body.message).toContain('1 open ticket');
    const after = (await m.get<{ billingType: string; status: string }>(`tickets-detail?id=${t.id}`)).body.data;
    expect(after.billingType).toBe('billable');
    expect(after.status).toBe('pending_approval');
    const { history } = (await m.get<{ history: { action: string; oldValue: string | null; newValue: string | null }[] }>(`tickets-history?id=${t.id}`)).body.data;
    expect(history.find((h) => h.action === 'drop_register_changed')).toMatchObject({ newValue: '2024-01-01' });
    expect(history.find((h) => h.action === 'billing_reclassified')).toMatchObject({ oldValue: 'guarantee', newValue: 'billable' });
    // An unchanged install date re-checks nothing.
    expect((await m.patch<Row>(`network-drops?id=${dr}`, { installDate: '2024-01-01', zone: 'Z9' })).body.data.ticketsRechecked).toBe(0);
  });

  it('moves a drop to another project: its open tickets follow to that project and client', async () => {
    const m = w.as(w.users.manager);
    const client = (await m.post<Row>('network-clients', { name: 'Echo Fibre' })).body.data;
    const project = (await m.post<Row>('network-projects', { clientId: client.id, name: 'Mohadin', code: 'MOH' })).body.data;
    const drop = await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: '2026-11-20' });
    const t = (await w.as(w.users.agent).post<{ id: string }>('tickets', { source: 'whatsapp', title: 'Slow', drNumber: drop.drNumber })).body.data;
    const res = await m.patch<Row>(`network-drops?id=${drop.id}`, { projectId: project.id });
    expect(res.body.data).toMatchObject({ projectName: 'Mohadin', clientName: 'Echo Fibre', ticketsRechecked: 1 });
    const after = (await m.get<{ projectId: string; clientId: string }>(`tickets-detail?id=${t.id}`)).body.data;
    expect(after).toMatchObject({ projectId: project.id, clientId: client.id });
    expect((await m.patch(`network-drops?id=${drop.id}`, { projectId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
  });
});
