// Client contracts and project guarantee periods over HTTP: CRUD, scope checks, unique numbers, defaults, permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract, Guarantee } from '@/src/modules/ticketing/types/billing';
import { makeClient, makeProject } from '../../../helpers/factories';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('contracts and contracts-detail', () => {
  it('lets a manager create, read, list, update and deactivate a contract', async () => {
    const manager = w.as(w.users.manager);
    const created = await manager.post<Contract>('contracts', {
      clientId: w.clientId, projectId: w.projectId, contractNumber: 'LAW-2026', name: 'Lawley maintenance', startDate: '2026-01-01',
      endDate: '2026-12-31', responseHours: 4, resolutionHours: 24, businessHoursOnly: false, hourlyRateCents: 45_050, notes: 'Signed in March',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      clientId: w.clientId, projectId: w.projectId, projectName: 'Lawley', contractNumber: 'LAW-2026', active: true, responseHours: 4,
      resolutionHours: 24, businessHoursOnly: false, hourlyRateCents: 45_050, endDate: '2026-12-31',
    });
    const id = created.body.data.id;
    const agent = w.as(w.users.agent);
    expect((await agent.get<Contract>(`contracts-detail?id=${id}`)).body.data.name).toBe('Lawley maintenance');
    expect((await agent.get<Contract[]>(`contracts?clientId=${w.clientId}`)).body.data.map((c) => c.id)).toContain(id);
    expect((await agent.get<Contract[]>(`contracts?projectId=${w.projectId}&active=true`)).body.data.map((c) => c.id)).toEqual([id]);

    const patched = await manager.patch<Contract>(`contracts-detail?id=${id}`, { endDate: null, hourlyRateCents: 50_000, name: 'Lawley maintenance (renewed)' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ endDate: null, hourlyRateCents: 50_000, name: 'Lawley maintenance (renewed)' });
    expect(new Date(patched.body.data.updatedAt).getTime()).toBe(w.clock.now().getTime());

    const removed = await manager.del<Contract>(`contracts-detail?id=${id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data.active).toBe(false);
    expect((await agent.get<Contract[]>(`contracts?active=false&clientId=${w.clientId}`)).body.data.map((c) => c.id)).toEqual([id]);
    expect((await agent.get<Contract[]>('contracts')).body.data.length).toBeGreaterThan(0);
  });

  it('makes a client-wide contract without a project and refuses a project of another client', async () => {
    const other = await makeClient(w.tdb.db);
    const manager = w.as(w.users.manager);
    const wide = await manager.post<Contract>('contracts', { clientId: other.id, contractNumber: 'WIDE-1', name: 'All projects', startDate: '2026-01-01' });
    expect(wide.body.data).toMatchObject({ projectId: null, projectName: null, businessHoursOnly: true, hourlyRateCents: null });
    const res = await manager.post('contracts', { clientId: other.id, projectId: w.projectId, contractNumber: 'X-1', name: 'Wrong', startDate: '2026-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.error?.details).toEqual({ field: 'projectId' });
    const moved = await manager.patch(`contracts-detail?id=${wide.body.data.id}`, { projectId: w.projectId });
    expect(moved.status).toBe(422);
  });

  it('answers 409 for a contract number in use, 422 for unknown client or project, 400 for bad input, 404 for unknown ids', async () => {
    const manager = w.as(w.users.manager);
    const base = { clientId: w.clientId, name: 'Dup', startDate: '2026-01-01' };
    expect((await manager.post('contracts', { ...base, contractNumber: 'DUP-1' })).status).toBe(201);
    const dup = await manager.post('contracts', { ...base, contractNumber: 'DUP-1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.message).toMatch(/DUP-1 is already in use/);
    const second = await manager.post<Contract>('contracts', { ...base, contractNumber: 'DUP-2' });
    expect((await manager.patch(`contracts-detail?id=${second.body.data.id}`, { contractNumber: 'DUP-1' })).status).toBe(409);
    expect((await manager.post('contracts', { ...base, contractNumber: 'U-1', clientId: UNKNOWN })).status).toBe(422);
    expect((await manager.post('contracts', { ...base, contractNumber: 'U-2', projectId: UNKNOWN })).status).toBe(422);
    expect((await manager.post('contracts', { ...base, contractNumber: 'B-1', endDate: '2025-12-31' })).status).toBe(400);
    expect((await manager.post('contracts', { ...base, contractNumber: 'B-2', startDate: '2026-02-30' })).status).toBe(400);
    expect((await manager.patch(`contracts-detail?id=${second.body.data.id}`, {})).status).toBe(400);
    const before = await manager.patch(`contracts-detail?id=${second.body.data.id}`, { endDate: '2025-06-01' });
    expect(before.status).toBe(422);
    expect((await manager.get(`contracts-detail?id=${UNKNOWN}`)).status).toBe(404);
    expect((await manager.patch(`contracts-detail?id=${UNKNOWN}`, { name: 'x' })).status).toBe(404);
    expect((await manager.del(`contracts-detail?id=${UNKNOWN}`)).status).toBe(404);
    expect((await manager.get('contracts-detail?id=nope')).status).toBe(400);
  });

  it('lets agents and finance read but not write, and technicians do neither', async () => {
    const body = { clientId: w.clientId, contractNumber: 'NO-1', name: 'No', startDate: '2026-01-01' };
    expect((await w.as(w.users.agent).post('contracts', body)).status).toBe(403);
    expect((await w.as(w.users.finance).get('contracts')).status).toBe(200);
    expect((await w.as(w.users.technician).get('contracts')).status).toBe(403);
  });
});

describe('guarantees and guarantees-project', () => {
  it('shows the 90 / 365-day defaults for a project without a row, then the period a manager sets', async () => {
    const p = await makeProject(w.tdb.db, { name: 'Mohadin' });
    const agent = w.as(w.users.agent);
    const before = await agent.get<Guarantee>(`guarantees-project?projectId=${p.id}`);
    expect(before.body.data).toMatchObject({ projectId: p.id, projectName: 'Mohadin', guaranteePeriodDays: 90, materialGuaranteeDays: 365, startsOnOverride: null, isDefault: true, updatedAt: null });
    const manager = w.as(w.users.manager);
    const set = await manager.post<Guarantee>('guarantees', { projectId: p.id, guaranteePeriodDays: 120, startsOnOverride: '2026-03-01' });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ guaranteePeriodDays: 120, materialGuaranteeDays: 365, startsOnOverride: '2026-03-01', isDefault: false });
    const keep = await manager.post<Guarantee>('guarantees', { projectId: p.id, guaranteePeriodDays: 60, materialGuaranteeDays: 400 });
    expect(keep.body.data).toMatchObject({ guaranteePeriodDays: 60, materialGuaranteeDays: 400, startsOnOverride: '2026-03-01' });
    const cleared = await manager.post<Guarantee>('guarantees', { projectId: p.id, guaranteePeriodDays: 60, startsOnOverride: null });
    expect(cleared.body.data).toMatchObject({ materialGuaranteeDays: 400, startsOnOverride: null });
    const list = await agent.get<Guarantee[]>(`guarantees?clientId=${p.clientId}`);
    expect(list.body.data).toEqual([expect.objectContaining({ projectId: p.id, guaranteePeriodDays: 60 })]);
    expect((await agent.get<Guarantee[]>('guarantees')).body.data.length).toBeGreaterThanOrEqual(2);
  });

  it('a shorter guarantee takes effect for the next ticket on the project', async () => {
    const p = await makeProject(w.tdb.db, { name: 'Mamelodi' });
    await w.as(w.users.manager).post('guarantees', { projectId: p.id, guaranteePeriodDays: 5 });
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee(p.id) }); // installed 10 days ago
    expect(t.billingType).toBe('billable');
  });

  it('answers 404 for an unknown project, 400 for bad input, 403 for an agent setting a period', async () => {
    const manager = w.as(w.users.manager);
    expect((await manager.get(`guarantees-project?projectId=${UNKNOWN}`)).status).toBe(404);
    expect((await manager.post('guarantees', { projectId: UNKNOWN, guaranteePeriodDays: 30 })).status).toBe(404);
    expect((await manager.post('guarantees', { projectId: w.projectId, guaranteePeriodDays: -1 })).status).toBe(400);
    expect((await manager.get('guarantees-project')).status).toBe(400);
    expect((await w.as(w.users.agent).post('guarantees', { projectId: w.projectId, guaranteePeriodDays: 30 })).status).toBe(403);
  });
});
