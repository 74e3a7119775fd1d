// Billing classification over HTTP: tickets created in guarantee, under contract and billable; reclassification; dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketBilling } from '@/src/modules/ticketing/types/billing';
import { makeDrop, makeProject } from '../../../helpers/factories';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
let contractProject: { id: string; clientId: string };
let contractId: string;

beforeAll(async () => {
  w = await billingWorld();
  const p = await makeProject(w.tdb.db, { name: 'Mohadin' });
  contractProject = { id: p.id, clientId: p.clientId };
  const res = await w.as(w.users.manager).post<{ id: string }>('contracts', {
    clientId: p.clientId, projectId: p.id, contractNumber: 'MOH-SLA-2026', name: 'Mohadin maintenance', startDate: '2026-01-01',
    responseHours: 2, resolutionHours: 12,
  });
  contractId = res.body.data.id;
});
afterAll(async () => w.close());

const billingOf = async (uid: string) => (await w.as(w.users.manager).get<TicketBilling>(`billing-ticket?uid=${uid}`)).body.data;
const historyActions = async (ticketId: string) =>
  (await w.tdb.db.query<{ action: string; old_value: string | null; new_value: string | null }>('SELECT action, old_value, new_value FROM ticket_history WHERE ticket_id = $1 ORDER BY id', [ticketId])).rows;

describe('classification when a ticket is created', () => {
  it('puts a fault on a drop inside its guarantee under guarantee: status new, reason and expiry recorded', async () => {
    const dr = await w.dropInGuarantee();
    const t = await w.createTicket({ source: 'whatsapp', drNumber: dr, title: 'No light on ONT' });
    expect(t).toMatchObject({ status: 'new', billingType: 'guarantee', requiresBillingApproval: false });
    const b = await billingOf(t.ticketUid);
    expect(b).toMatchObject({ billingType: 'guarantee', approvalStatus: null, estimated: null, contractId: null, feeScheduleId: null });
    expect(b.reason).toMatch(new RegExp(`Drop ${dr}: 90-day installation guarantee from installation on 15 Nov 2026 runs to 12 Feb 2027 inclusive`));
    expect(b.guaranteeExpiresAt).toBe('2027-02-12T22:00:00.000Z');
    expect(await historyActions(t.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'billing_classified', new_value: 'guarantee' })]));
  });

  it('puts a fault on a project with an active contract under sla, naming the contract', async () => {
    const dr = await w.dropOutOfGuarantee(contractProject.id);
    const t = await w.createTicket({ drNumber: dr, priority: 'high' });
    expect(t).toMatchObject({ status: 'new', billingType: 'sla', requiresBillingApproval: false, projectId: contractProject.id });
    const b = await billingOf(t.ticketUid);
    expect(b).toMatchObject({ billingType: 'sla', contractId, approvalStatus: null });
    expect(b.reason).toMatch(/guarantee .* ended after 14 Apr 2025; contract MOH-SLA-2026 covers the project on 25 Nov 2026/);
  });

  it('makes other work billable: pending_approval, the fee-schedule estimate, and a history row for the status', async () => {
    const dr = await w.dropOutOfGuarantee();
    const t = await w.createTicket({ drNumber: dr, priority: 'medium' });
    expect(t).toMatchObject({ status: 'pending_approval', billingType: 'billable', requiresBillingApproval: true });
    const b = await billingOf(t.ticketUid);
    expect(b).toMatchObject({ billingType: 'billable', approvalStatus: 'pending', requiresApproval: true, afterHours: false });
    // fault / medium: R250 base + R100 x 1 h + R50 travel
    expect(b.estimated).toEqual({ hours: 1, labourCents: 35_000, partsCents: 0, travelCents: 5_000, totalCents: 40_000 });
    expect(b.reason).toMatch(/no active contract covers the ticket on 25 Nov 2026; billable at fee row "Fault call-out \(medium\)" \(estimate R\s400,00 excl. VAT\)/);
    expect(await historyActions(t.id)).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'billing_classified', old_value: null, new_value: 'billable' }),
      expect.objectContaining({ action: 'status_changed', old_value: 'new', new_value: 'pending_approval' }),
    ]));
  });

  it('holds a billable ticket created with an assignee at pending_approval too', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), assignedTo: w.users.technician.id });
    expect(t.status).toBe('pending_approval');
  });

  it('prices work asked for after hours with the multiplier', async () => {
    w.clock.set('2026-11-25T16:30:00Z'); // 18:30 in Johannesburg
    try {
      const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), priority: 'medium' });
      const b = await billingOf(t.ticketUid);
      expect(b.afterHours).toBe(true);
      expect(b.estimated?.totalCents).toBe(57_500); // (250 + 100) x 1.5 + 50
    } finally {
      w.clock.set('2026-11-25T08:30:00Z');
    }
  });

  it('classifies work with no fee row as billable with the cost unknown, still needing approval', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), ticketType: 'complaint' });
    expect(t.status).toBe('pending_approval');
    const b = await billingOf(t.ticketUid);
    expect(b).toMatchObject({ billingType: 'billable', estimated: null, feeScheduleId: null, approvalStatus: 'pending' });
    expect(b.reason).toMatch(/no fee row matches complaint\/medium .* cost is unknown/);
  });

  it('says why when a ticket has no DR number or its drop has no install date', async () => {
    const adhoc = await w.createTicket({ source: 'adhoc', title: 'Cabinet door' });
    expect((await billingOf(adhoc.ticketUid)).reason).toMatch(/^No DR number, so no drop guarantee applies; no project or client, so no contract applies/);
    const bare = await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: null });
    const t = await w.createTicket({ drNumber: bare.drNumber });
    expect((await billingOf(t.ticketUid)).reason).toMatch(new RegExp(`Drop ${bare.drNumber} has no install date, so no guarantee applies`));
  });
});

describe('reclassification when the drop, project or client changes', () => {
  it('moves billable work to guarantee when the DR is corrected, back to new, with history', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    expect(t.status).toBe('pending_approval');
    const good = await w.dropInGuarantee();
    const res = await w.as(w.users.agent).patch<{ status: string; billingType: string; version: number }>(`tickets-detail?id=${t.ticketUid}`, { version: t.version, drNumber: good });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'new', billingType: 'guarantee' });
    const b = await billingOf(t.ticketUid);
    expect(b).toMatchObject({ billingType: 'guarantee', approvalStatus: null, requiresApproval: false, estimated: null });
    expect(await historyActions(t.id)).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'billing_reclassified', old_value: 'billable', new_value: 'guarantee' }),
      expect.objectContaining({ action: 'status_changed', old_value: 'pending_approval', new_value: 'new' }),
    ]));
    const queue = await w.as(w.users.manager).get<{ ticketUid: string }[]>('billing-pending-approval?limit=200');
    expect(queue.body.data.map((q) => q.ticketUid)).not.toContain(t.ticketUid);
  });

  it('moves guarantee work to billable when the DR changes to an old drop, and asks for approval', async () => {
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const res = await w.as(w.users.agent).patch<{ status: string; billingType: string }>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: await w.dropOutOfGuarantee() });
    expect(res.body.data).toMatchObject({ status: 'pending_approval', billingType: 'billable' });
    expect(await billingOf(t.ticketUid)).toMatchObject({ approvalStatus: 'pending', requiresApproval: true });
  });

  it('keeps an approval already given when billable work stays billable', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    await w.as(w.users.manager).post(`billing-approve?uid=${t.ticketUid}`);
    const read = await w.as(w.users.agent).get<{ version: number }>(`tickets-detail?id=${t.id}`);
    const res = await w.as(w.users.agent).patch<{ status: string }>(`tickets-detail?id=${t.id}`, { version: read.body.data.version, drNumber: await w.dropOutOfGuarantee() });
    expect(res.body.data.status).toBe('new');
    expect(await billingOf(t.ticketUid)).toMatchObject({ billingType: 'billable', approvalStatus: 'approved' });
  });

  it('applies the longer material guarantee when the fault cause becomes material failure', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() }); // installed 2025-01-15: 365 days end 2026-01-14
    const res = await w.as(w.users.agent).patch<{ billingType: string }>(`tickets-detail?id=${t.id}`, { version: t.version, faultCause: 'material_failure' });
    expect(res.body.data.billingType).toBe('billable');
    expect((await billingOf(t.ticketUid)).reason).toMatch(/365-day material guarantee .* ended after 14 Jan 2026/);
  });

  it('reclassifies to the material guarantee when the work is resolved as a material failure', async () => {
    const installed = new Date(w.clock.now().getTime() - 200 * 86_400_000).toISOString().slice(0, 10);
    const dr = (await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: installed })).drNumber;
    const t = await w.createTicket({ drNumber: dr });
    expect(t.status).toBe('pending_approval');
    const approved = await w.as(w.users.manager).post<{ version: number }>(`billing-approve?uid=${t.ticketUid}`);
    await w.as(w.users.agent).post('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, version: approved.body.data.version });
    const tech = w.as(w.users.technician);
    await tech.post('tickets-status', { id: t.id, status: 'in_progress' });
    const done = await tech.post<{ billingType: string }>('tickets-status', { id: t.id, status: 'resolved', faultCause: 'material_failure' });
    expect(done.body.data.billingType).toBe('guarantee');
    expect((await billingOf(t.ticketUid)).reason).toMatch(/365-day material guarantee/);
  });

  it('re-prices pending billable work when its priority changes, and no one but a manager takes it out of pending', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), priority: 'low' });
    const low = (await billingOf(t.ticketUid)).estimated?.totalCents;
    const res = await w.as(w.users.agent).patch<{ status: string }>(`tickets-detail?id=${t.id}`, { version: t.version, priority: 'critical' });
    expect(res.body.data.status).toBe('pending_approval');
    const critical = (await billingOf(t.ticketUid)).estimated?.totalCents;
    expect(critical).toBeDefined();
    expect(critical as number).toBeGreaterThan(low as number);
    const cancel = await w.as(w.users.agent).post<unknown>('tickets-status', { id: t.id, status: 'cancelled', reason: 'not needed' });
    expect(cancel.status).toBe(409);
    expect((cancel.body.error?.details as { allowed: string[] }).allowed).toEqual([]);
    expect((await w.as(w.users.manager).post('tickets-status', { id: t.id, status: 'cancelled', reason: 'x' })).status).toBe(409);
  });

  it('leaves the billing of a cancelled ticket alone and says so in the history', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    await w.as(w.users.manager).post(`billing-reject?uid=${t.ticketUid}`, { reason: 'Customer damage, not ours to fix' });
    const read = await w.as(w.users.agent).get<{ version: number }>(`tickets-detail?id=${t.id}`);
    await w.as(w.users.agent).patch(`tickets-detail?id=${t.id}`, { version: read.body.data.version, drNumber: await w.dropInGuarantee() });
    expect(await billingOf(t.ticketUid)).toMatchObject({ billingType: 'billable', approvalStatus: 'rejected' });
    expect((await historyActions(t.id)).map((h) => h.action)).toContain('billing_reclassify_skipped');
  });

  it('classifies a ticket that predates billing when its drop changes, and leaves a cancelled one alone', async () => {
    const { rows } = await w.tdb.db.query<{ id: string }>(
      "INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900201', 'internal', 'fault', 'low', 'new', 'Legacy'), ('FF-900202', 'internal', 'fault', 'low', 'cancelled', 'Legacy') RETURNING id",
    );
    const res = await w.as(w.users.agent).patch<{ billingType: string; status: string }>('tickets-detail?id=FF-900201', { version: 1, drNumber: await w.dropInGuarantee() });
    expect(res.body.data).toMatchObject({ billingType: 'guarantee', status: 'new' });
    expect((await historyActions(rows[0].id)).map((h) => h.action)).toContain('billing_classified');
    await w.as(w.users.agent).patch('tickets-detail?id=FF-900202', { version: 1, drNumber: await w.dropInGuarantee() });
    expect(await historyActions(rows[1].id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'billing_reclassify_skipped', old_value: null })]));
  });

  it('does not reclassify when only the title changes', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    await w.as(w.users.agent).patch(`tickets-detail?id=${t.id}`, { version: t.version, title: 'Renamed' });
    expect((await historyActions(t.id)).filter((h) => h.action.startsWith('billing_')).length).toBe(1);
  });
});

describe('GET billing-calculate (dry run)', () => {
  interface Calc { billingType: string; reason: string; estimate: { totalCents: number } | null; invoicePreview: { vatCents: number; totalCents: number } | null; contractId: string | null; drop: { drNumber: string } | null; requiresApproval: boolean }

  it('answers guarantee, sla and billable (with the VAT preview) without writing anything', async () => {
    const agent = w.as(w.users.agent);
    const before = await w.count('SELECT count(*)::int AS n FROM ticket_billing');
    const g = await agent.get<Calc>(`billing-calculate?dr=${await w.dropInGuarantee()}`);
    expect(g.status).toBe(200);
    expect(g.body.data).toMatchObject({ billingType: 'guarantee', estimate: null, requiresApproval: false });
    const s = await agent.get<Calc>(`billing-calculate?projectId=${contractProject.id}&ticketType=fault&priority=high`);
    expect(s.body.data).toMatchObject({ billingType: 'sla', contractId });
    const dr = await w.dropOutOfGuarantee();
    const b = await agent.get<Calc>(`billing-calculate?dr=${dr.toLowerCase()}&priority=high&at=2026-11-25T10:00:00%2B02:00`);
    expect(b.body.data).toMatchObject({ billingType: 'billable', requiresApproval: true, drop: { drNumber: dr } });
    // fault / high: 350 + 120 + 75 = 545.00, VAT 81.75, total 626.75
    expect(b.body.data.estimate?.totalCents).toBe(54_500);
    expect(b.body.data.invoicePreview).toMatchObject({ vatCents: 8_175, totalCents: 62_675 });
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_billing')).toBe(before);
  });

  it('says when a DR number is not in the drop register', async () => {
    const res = await w.as(w.users.agent).get<Calc>('billing-calculate?dr=DR0000001');
    expect(res.body.data.reason).toMatch(/DR0000001 is not in the drop register/);
    expect(res.body.data.drop).toBeNull();
  });

  it('refuses a malformed DR (400), an unknown project or client (422), and a technician (403)', async () => {
    const agent = w.as(w.users.agent);
    expect((await agent.get('billing-calculate?dr=DR12')).status).toBe(400);
    expect((await agent.get('billing-calculate?projectId=00000000-0000-4000-8000-000000000000')).status).toBe(422);
    expect((await agent.get('billing-calculate?clientId=00000000-0000-4000-8000-000000000000')).status).toBe(422);
    expect((await w.as(w.users.technician).get('billing-calculate')).status).toBe(403);
  });
});

describe('GET billing-ticket', () => {
  it('404s an unknown ticket and 422s one that was never classified', async () => {
    expect((await w.as(w.users.manager).get('billing-ticket?uid=FF-999999')).status).toBe(404);
    const { rows } = await w.tdb.db.query<{ id: string }>(
      "INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900001', 'internal', 'fault', 'low', 'new', 'Legacy') RETURNING id",
    );
    expect(rows[0].id).toBeDefined();
    expect((await w.as(w.users.manager).get('billing-ticket?uid=FF-900001')).status).toBe(422);
  });
});
