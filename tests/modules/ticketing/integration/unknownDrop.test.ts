// A DR that is not in the drop register: the ticket is created flagged "unknown drop", billing waits, and the
// decision is made once the drop is registered (the worker job) or the DR is corrected (an update).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { rootLogger } from '@/src/lib/logger';
import { linkRegisteredDrops, linkTicket } from '@/src/modules/ticketing/services/unknownDropService';
import { SYSTEM_ACTOR } from '@/src/modules/ticketing/services/context';
import { makeDrop } from '../../../helpers/factories';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T {
  id: string;
  ticketUid: string;
  status: string;
  billingType: string | null;
  dropUnknown: boolean;
  projectId: string | null;
  clientId: string | null;
  address: string | null;
  version: number;
}

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
  // A fee row, so a registered but out-of-guarantee drop is billable.
  await w.tdb.db.query(
    `INSERT INTO billable_fee_schedule (service_type, ticket_type, priority, base_fee, hourly_rate, travel_fee, effective_from)
     VALUES ('Fault call-out', 'fault', NULL, 250, 100, 50, '2026-01-01')`,
  );
});
afterAll(async () => w.close());

const deps = () => ({ db: w.tdb.db, config: w.server.config, clock: w.clock as ManualClock, log: rootLogger().child({ test: 'unknown-drop' }) });

describe('a ticket for a DR not in the drop register', () => {
  it('is created flagged "unknown drop", with no billing decision and out of the approval queue, from any source', async () => {
    for (const source of ['whatsapp', 'internal', 'construction'] as const) {
      const res = await w.as(w.users.agent).post<T>('tickets', { source, title: 'No light', drNumber: 'DR9900001' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ dropUnknown: true, billingType: null, status: 'new', projectId: null });
    }
    const queue = await w.as(w.users.manager).get<{ ticketUid: string }[]>('billing-pending-approval');
    expect(queue.body.data.some((p) => p.ticketUid.startsWith('DR9900001'))).toBe(false);
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_billing b JOIN tickets t ON t.id = b.ticket_id WHERE t.dr_number = 'DR9900001'`)).toBe(0);
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.dr_number = 'DR9900001' AND h.action = 'billing_deferred'`)).toBe(3);
  });

  it('is linked to the drop once it is registered, and billing then decides (billable work waits for approval)', async () => {
    const created = await w.as(w.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'No light', drNumber: 'DR9900002' });
    await makeDrop(w.tdb.db, { projectId: w.projectId, drNumber: 'DR9900002', installDate: '2025-01-10', address: '5 Late Street, Lawley' });
    const r = await linkRegisteredDrops(deps());
    expect(r.linked).toBeGreaterThanOrEqual(1);
    const after = (await w.as(w.users.agent).get<T>(`tickets-detail?id=${created.body.data.id}`)).body.data;
    expect(after).toMatchObject({ dropUnknown: false, projectId: w.projectId, clientId: w.clientId, address: '5 Late Street, Lawley', billingType: 'billable', status: 'pending_approval' });
    expect((await linkRegisteredDrops(deps())).linked).toBe(0);
  });

  it('is reclassified when the DR is corrected to a known drop, and deferred again when changed to an unknown one', async () => {
    const agent = w.as(w.users.agent);
    const t = (await agent.post<T>('tickets', { source: 'internal', title: 'Typo in DR', drNumber: 'DR9900003' })).body.data;
    const known = await w.drop();
    const fixed = await agent.patch<T>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: known });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data).toMatchObject({ dropUnknown: false, billingType: 'guarantee', projectId: w.projectId });
    const wrong = await agent.patch<T>(`tickets-detail?id=${t.id}`, { version: fixed.body.data.version, drNumber: 'DR9900004' });
    expect(wrong.body.data).toMatchObject({ dropUnknown: true, billingType: null });
  });

  it('leaves billable work waiting for approval back in new when its DR becomes unknown', async () => {
    const agent = w.as(w.users.agent);
    const billableDrop = (await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: '2025-01-10' })).drNumber;
    const t = (await agent.post<T>('tickets', { source: 'internal', title: 'Out of guarantee', drNumber: billableDrop })).body.data;
    expect(t).toMatchObject({ billingType: 'billable', status: 'pending_approval' });
    const moved = await agent.patch<T>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: 'DR9900005' });
    expect(moved.body.data).toMatchObject({ dropUnknown: true, billingType: null, status: 'new' });
  });

  it('keeps an address the reporter gave, and links nothing twice or for a ticket that is gone', async () => {
    const t = (await w.as(w.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'Own address', drNumber: 'DR9900006', address: '9 Given Road' })).body.data;
    await makeDrop(w.tdb.db, { projectId: w.projectId, drNumber: 'DR9900006', installDate: '2025-01-10', address: '1 Register Street' });
    const ctx = { ...deps(), user: SYSTEM_ACTOR };
    expect(await linkTicket(ctx, t.id)).toBe(true);
    expect((await w.as(w.users.agent).get<T>(`tickets-detail?id=${t.id}`)).body.data).toMatchObject({ address: '9 Given Road', dropUnknown: false });
    expect(await linkTicket(ctx, t.id)).toBe(false);
    expect(await linkTicket(ctx, '00000000-0000-4000-8000-000000000000')).toBe(false);
  });
});
