// Fault cause at resolution over HTTP: damage the contractor is not liable for, inside the guarantee, becomes
// billable work priced from the actual work and waits in the manager's approval queue; the history shows both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingWorld, type BillingWorld, type TicketView } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

interface History {
  action: string;
  oldValue: string | null;
  newValue: string | null;
  details: Record<string, unknown> | null;
}

async function resolveWith(body: Record<string, unknown>) {
  const t = await w.createTicket({ ticketType: 'fault', priority: 'high', drNumber: await w.dropInGuarantee(), assignedTo: w.users.technician.id });
  expect(t.billingType).toBe('guarantee');
  const tech = w.as(w.users.technician);
  expect((await tech.post('tickets-status', { id: t.id, status: 'in_progress' })).status).toBe(200);
  const res = await tech.post<TicketView & { faultCause: string; faultCauseDetail: string | null }>('tickets-status', { id: t.id, status: 'resolved', ...body });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('fault cause at resolution', () => {
  it('re-classifies vandalism inside the guarantee as billable, priced from the actual work, pending approval', async () => {
    const t = await resolveWith({ faultCause: 'vandalism', faultCauseDetail: 'Cable cut at the pole', resolutionNotes: 'Spliced', work: { hours: 2.5, partsCents: 12000, trips: 1 } });
    expect(t).toMatchObject({ status: 'resolved', billingType: 'billable', requiresBillingApproval: true, faultCause: 'vandalism', faultCauseDetail: 'Cable cut at the pole' });
    const m = w.as(w.users.manager);
    const billing = (await m.get<{ approvalStatus: string; reason: string; estimated: { totalCents: number }; actual: { totalCents: number } | null }>(`billing-ticket?uid=${t.ticketUid}`)).body.data;
    // high: base R350 + 2.5 h x R120 + travel R75 + parts R120 = R845.
    expect(billing).toMatchObject({ approvalStatus: 'pending', estimated: { totalCents: 84500 }, actual: { totalCents: 84500 } });
    expect(billing.reason).toContain('vandalism (Cable cut at the pole) is not the contractor');
    const queue = (await m.get<{ ticketUid: string; reason: string }[]>('billing-pending-approval?limit=200')).body.data;
    expect(queue.find((q) => q.ticketUid === t.ticketUid)?.reason).toContain('vandalism');
    const { history } = (await m.get<{ history: History[] }>(`tickets-history?id=${t.id}`)).body.data;
    const billingLines = history.filter((h) => h.action.startsWith('billing_'));
    expect(billingLines.map((h) => [h.action, h.oldValue, h.newValue])).toEqual([
      ['billing_classified', null, 'guarantee'],
      ['billing_reclassified', 'guarantee', 'billable'],
    ]);
    expect(billingLines[1].details).toMatchObject({ faultCause: 'vandalism', estimatedTotalCents: 84500 });
    const approved = await m.post<{ approvalStatus: string; status: string }>(`billing-approve?uid=${t.ticketUid}`, { reason: 'Bill the client' });
    expect(approved.body.data).toMatchObject({ approvalStatus: 'approved', status: 'resolved' });
  });

  it('estimates from the fee row when no actual work was recorded', async () => {
    const t = await resolveWith({ faultCause: 'client_damage' });
    const billing = (await w.as(w.users.manager).get<{ reason: string; estimated: { totalCents: number }; actual: unknown }>(`billing-ticket?uid=${t.ticketUid}`)).body.data;
    expect(billing.reason).toContain('no actual work recorded');
    expect(billing.estimated.totalCents).toBe(35000 + 12000 + 7500);
    expect(billing.actual).toBeNull();
  });

  it('keeps workmanship and material failures under the guarantee, and says so in the history', async () => {
    for (const cause of ['workmanship', 'material_failure', 'environmental']) {
      const t = await resolveWith({ faultCause: cause });
      expect(t.billingType).toBe('guarantee');
      const { history } = (await w.as(w.users.manager).get<{ history: History[] }>(`tickets-history?id=${t.id}`)).body.data;
      expect(history.find((h) => h.action === 'billing_cause_checked')?.details?.reason).toContain('guarantee covers it');
    }
  });

  it('leaves work outside the guarantee alone, and resolving without a cause changes nothing', async () => {
    const t = await w.createTicket({ ticketType: 'fault', priority: 'high', drNumber: await w.dropOutOfGuarantee() });
    expect(t.billingType).toBe('billable');
    const plain = await resolveWith({});
    expect(plain.billingType).toBe('guarantee');
  });
});
