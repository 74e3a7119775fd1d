// The fee schedule over HTTP: create, list, update with price history, and no overlapping validity for one key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeePriceChange, FeeRow } from '@/src/modules/ticketing/types/billing';
import { makeProject } from '../../../helpers/factories';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const install = { serviceType: 'Installation repair', ticketType: 'installation', priority: 'high', baseFeeCents: 45_000, hourlyRateCents: 12_000, travelFeeCents: 7_500, effectiveFrom: '2026-01-01' };

describe('fee-schedule', () => {
  it('creates a row with defaults, lists and filters rows, and reads one with its history', async () => {
    const manager = w.as(w.users.manager);
    const res = await manager.post<FeeRow>('fee-schedule', install);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ ...install, projectId: null, afterHoursMultiplier: 1.5, defaultHours: 1, currency: 'ZAR', effectiveTo: null, active: true });
    const agent = w.as(w.users.agent);
    const list = await agent.get<FeeRow[]>('fee-schedule?ticketType=installation');
    expect(list.body.data.map((f) => f.id)).toEqual([res.body.data.id]);
    expect((await agent.get<FeeRow[]>('fee-schedule?ticketType=fault&on=2026-11-25&active=true')).body.data).toHaveLength(4);
    expect((await agent.get<FeeRow[]>('fee-schedule?on=2025-06-01')).body.data).toHaveLength(0);
    const one = await agent.get<{ fee: FeeRow; history: FeePriceChange[] }>(`fee-schedule?id=${res.body.data.id}`);
    expect(one.body.data).toMatchObject({ fee: { id: res.body.data.id }, history: [] });
    expect((await agent.get(`fee-schedule?id=${UNKNOWN}`)).status).toBe(404);
  });

  it('refuses an overlapping period for the same type, priority and project with 409, and allows what does not overlap', async () => {
    const manager = w.as(w.users.manager);
    const key = { ...install, ticketType: 'maintenance', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' };
    expect((await manager.post('fee-schedule', key)).status).toBe(201);
    const clash = await manager.post('fee-schedule', { ...key, serviceType: 'Renamed', effectiveFrom: '2026-06-30', effectiveTo: null });
    expect(clash.status).toBe(409);
    expect(clash.body.error?.details).toMatchObject({ conflicts: [expect.objectContaining({ effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' })] });
    const open = await manager.post('fee-schedule', { ...key, effectiveFrom: '2025-01-01', effectiveTo: null });
    expect(open.status).toBe(409);
    expect((await manager.post('fee-schedule', { ...key, effectiveFrom: '2026-07-01', effectiveTo: null, baseFeeCents: 48_000 })).status).toBe(201);
    const { travelFeeCents: _omit, ...noTravel } = key;
    const free = await manager.post<FeeRow>('fee-schedule', { ...noTravel, priority: null });
    expect(free.body.data.travelFeeCents).toBe(0);
    const p = await makeProject(w.tdb.db);
    expect((await manager.post('fee-schedule', { ...key, projectId: p.id })).status).toBe(201);
    const custom = await manager.post<FeeRow>('fee-schedule', { ...key, active: false, afterHoursMultiplier: 1.75, defaultHours: 2.5 });
    expect(custom.body.data).toMatchObject({ afterHoursMultiplier: 1.75, defaultHours: 2.5, active: false });
    expect(await w.count("SELECT count(*)::int AS n FROM billable_fee_schedule WHERE ticket_type = 'maintenance'")).toBe(5);
  });

  it('keeps every price change with who, when, why, before and after', async () => {
    const manager = w.as(w.users.manager);
    const created = await manager.post<FeeRow>('fee-schedule', { ...install, ticketType: 'query', priority: 'low', baseFeeCents: 5_000, hourlyRateCents: 5_000, travelFeeCents: 0 });
    const id = created.body.data.id;
    w.clock.advanceMinutes(60);
    const res = await manager.patch<{ fee: FeeRow; history: FeePriceChange[] }>('fee-schedule', { id, baseFeeCents: 6_000, afterHoursMultiplier: 2, reason: 'CPI increase 2027' });
    expect(res.status).toBe(200);
    expect(res.body.data.fee).toMatchObject({ baseFeeCents: 6_000, afterHoursMultiplier: 2, hourlyRateCents: 5_000 });
    expect(res.body.data.history).toEqual([
      expect.objectContaining({ changedBy: w.users.manager.id, changedByName: w.users.manager.name, reason: 'CPI increase 2027', before: { baseFeeCents: 5_000, afterHoursMultiplier: 1.5 }, after: { baseFeeCents: 6_000, afterHoursMultiplier: 2 }, changedAt: w.clock.now().toISOString() }),
    ]);
    const same = await manager.patch<{ history: FeePriceChange[] }>('fee-schedule', { id, baseFeeCents: 6_000 });
    expect(same.body.data.history).toHaveLength(1);
    const off = await manager.patch<{ fee: FeeRow; history: FeePriceChange[] }>('fee-schedule', { id, active: false, effectiveTo: '2026-12-31', priority: null });
    expect(off.body.data.fee).toMatchObject({ active: false, effectiveTo: '2026-12-31', priority: null });
    expect(off.body.data.history[1]).toMatchObject({ reason: null, before: { active: true, effectiveTo: null, priority: 'low' }, after: { active: false, effectiveTo: '2026-12-31', priority: null } });
  });

  it('refuses an update that would overlap another row (409) or reverse the dates (422), and unknown rows (404)', async () => {
    const manager = w.as(w.users.manager);
    const base = { ...install, ticketType: 'other', priority: 'critical' };
    const a = await manager.post<FeeRow>('fee-schedule', { ...base, effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31' });
    const b = await manager.post<FeeRow>('fee-schedule', { ...base, effectiveFrom: '2026-04-01' });
    expect((await manager.patch('fee-schedule', { id: a.body.data.id, effectiveTo: '2026-04-15' })).status).toBe(409);
    expect((await manager.patch('fee-schedule', { id: b.body.data.id, effectiveFrom: '2026-12-01', effectiveTo: '2026-11-01' })).status).toBe(400);
    expect((await manager.patch('fee-schedule', { id: b.body.data.id, effectiveFrom: '2027-06-01' })).status).toBe(200);
    expect((await manager.patch('fee-schedule', { id: a.body.data.id, effectiveTo: '2025-12-01' })).status).toBe(422);
    expect((await manager.patch('fee-schedule', { id: UNKNOWN, baseFeeCents: 1 })).status).toBe(404);
    expect((await manager.patch('fee-schedule', { id: a.body.data.id })).status).toBe(400);
    expect((await manager.patch('fee-schedule', { id: a.body.data.id, projectId: UNKNOWN })).status).toBe(422);
    expect((await manager.post('fee-schedule', { ...base, projectId: UNKNOWN })).status).toBe(422);
  });

  it('validates money as whole cents and guards writes with fees:manage', async () => {
    const manager = w.as(w.users.manager);
    expect((await manager.post('fee-schedule', { ...install, baseFeeCents: 100.5 })).status).toBe(400);
    expect((await manager.post('fee-schedule', { ...install, afterHoursMultiplier: 0.5 })).status).toBe(400);
    expect((await manager.post('fee-schedule', { ...install, effectiveTo: '2025-01-01' })).status).toBe(400);
    expect((await manager.post('fee-schedule', { ...install, currency: 'USD' })).status).toBe(400);
    expect((await w.as(w.users.agent).post('fee-schedule', install)).status).toBe(403);
    expect((await w.as(w.users.finance).get('fee-schedule')).status).toBe(200);
    expect((await w.as(w.users.technician).get('fee-schedule')).status).toBe(403);
  });

  it('prices the next ticket with a changed fee, and an already estimated ticket keeps its estimate', async () => {
    const manager = w.as(w.users.manager);
    const before = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), priority: 'critical' });
    const critical = (await manager.get<FeeRow[]>('fee-schedule?ticketType=fault')).body.data.find((f) => f.priority === 'critical') as FeeRow;
    await manager.patch('fee-schedule', { id: critical.id, baseFeeCents: 60_000, reason: 'New rate' });
    const after = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), priority: 'critical' });
    const est = async (uid: string) => (await manager.get<{ estimated: { totalCents: number } }>(`billing-ticket?uid=${uid}`)).body.data.estimated.totalCents;
    expect(await est(before.ticketUid)).toBe(75_000);
    expect(await est(after.ticketUid)).toBe(85_000);
  });
});
