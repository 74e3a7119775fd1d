// The billing gate (issue 12 #2): whatever the order of edits, billable work never proceeds without a manager's decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingWorld, type BillingWorld, type TicketView } from '../billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld('2026-11-20T07:00:00Z');
});
afterAll(async () => w.close());

const row = async (id: string) =>
  (await w.tdb.db.query<{ status: string; requires_billing_approval: boolean; approval_status: string | null; sla_paused: boolean; open_pauses: number }>(
    `SELECT t.status, t.requires_billing_approval, b.approval_status, t.sla_paused,
            (SELECT count(*)::int FROM sla_pauses p WHERE p.ticket_id = t.id AND p.ended_at IS NULL) AS open_pauses
       FROM tickets t LEFT JOIN ticket_billing b ON b.ticket_id = t.id WHERE t.id = $1`, [id])).rows[0];

/** Billable -> guarantee by DR change -> assigned -> in progress (-> blocked); returns the ticket and the billable DR. */
async function walkAround(block: boolean): Promise<{ t: TicketView; billableDr: string }> {
  const agent = w.as(w.users.agent);
  const billableDr = await w.dropOutOfGuarantee();
  const t = await w.createTicket({ drNumber: billableDr });
  expect(t.status).toBe('pending_approval');
  let r = await agent.patch<TicketView>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: await w.dropInGuarantee() });
  expect(r.body.data).toMatchObject({ status: 'new', billingType: 'guarantee' });
  r = await agent.post<TicketView>('tickets-assign', { id: t.id, version: r.body.data.version, assignedTo: w.users.technician.id });
  expect(r.status).toBe(200);
  r = await w.as(w.users.technician).post<TicketView>('tickets-status', { id: t.id, version: r.body.data.version, status: 'in_progress' });
  expect(r.body.data.status).toBe('in_progress');
  if (block) {
    r = await w.as(w.users.technician).post<TicketView>('tickets-status', { id: t.id, version: r.body.data.version, status: 'blocked', pauseReason: 'parts' });
    expect(r.body.data.status).toBe('blocked');
  }
  return { t: r.body.data, billableDr };
}

describe('billing gate', () => {
  it('sends in-progress work back to pending_approval when a DR change makes it billable', async () => {
    const { t, billableDr } = await walkAround(false);
    const r = await w.as(w.users.agent).patch<TicketView>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: billableDr });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ status: 'pending_approval', billingType: 'billable', requiresBillingApproval: true });
    expect(await row(t.id)).toMatchObject({ status: 'pending_approval', approval_status: 'pending' });
    const tech = await w.as(w.users.technician).post('tickets-status', { id: t.id, version: r.body.data.version, status: 'in_progress' });
    expect(tech.status).toBe(409);
    const queue = await w.as(w.users.manager).get<{ ticketUid: string }[]>('billing-pending-approval');
    expect(queue.body.data.map((q) => q.ticketUid)).toContain(t.ticketUid);
  });

  it('sends blocked work back too, closing its SLA pause', async () => {
    const { t, billableDr } = await walkAround(true);
    const r = await w.as(w.users.agent).patch<TicketView>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: billableDr });
    expect(r.body.data.status).toBe('pending_approval');
    expect(await row(t.id)).toMatchObject({ status: 'pending_approval', sla_paused: false, open_pauses: 0 });
    const approved = await w.as(w.users.manager).post<{ status: string }>(`billing-approve?uid=${t.ticketUid}`, { reason: 'ok' });
    expect(approved.body.data.status).toBe('new');
  });
});
