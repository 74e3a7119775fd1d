// The approval queue and a manager's decision over HTTP: oldest first, approve -> new, reject -> cancelled + email, 403 for agents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailPayload } from '@/src/modules/ticketing/jobs/outboxTypes';
import { billingWorld, type BillingWorld, type TicketView } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld('2026-11-20T07:00:00Z');
});
afterAll(async () => w.close());

interface QueueItem { ticketUid: string; reason: string; estimatedTotalCents: number | null; status: string; createdAt: string }
interface Decision { ticketUid: string; status: string; version: number; approvalStatus: string; changed: boolean; reason: string | null; notified: string | null }

const billable = async (o: Record<string, unknown> = {}): Promise<TicketView> => w.createTicket({ drNumber: await w.dropOutOfGuarantee(), ...o });
const ticketRow = async (id: string) =>
  (await w.tdb.db.query<{ status: string; version: number; requires_billing_approval: boolean }>('SELECT status, version, requires_billing_approval FROM tickets WHERE id = $1', [id])).rows[0];

describe('GET billing-pending-approval', () => {
  it('totals an empty queue as zero', async () => {
    const res = await w.as(w.users.manager).get<QueueItem[]>('billing-pending-approval');
    expect(res.body.data).toEqual([]);
    expect(res.body.meta).toMatchObject({ total: 0, totalValueCents: 0, unknownCostCount: 0 });
  });

  it('lists billable work oldest first with its cost and reason, and totals the value in meta', async () => {
    const first = await billable({ priority: 'high' });
    w.clock.advanceMinutes(30);
    const second = await billable({ priority: 'low' });
    w.clock.advanceMinutes(30);
    const unknown = await billable({ ticketType: 'query' });
    await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const res = await w.as(w.users.manager).get<QueueItem[]>('billing-pending-approval');
    expect(res.status).toBe(200);
    expect(res.body.data.map((q) => q.ticketUid)).toEqual([first.ticketUid, second.ticketUid, unknown.ticketUid]);
    expect(res.body.data.map((q) => q.estimatedTotalCents)).toEqual([54_500, 28_000, null]);
    expect(res.body.data[0]).toMatchObject({ status: 'pending_approval', reason: expect.stringMatching(/billable at fee row/) });
    expect(res.body.meta).toMatchObject({ total: 3, totalValueCents: 82_500, unknownCostCount: 1, limit: 50, offset: 0 });
    const page = await w.as(w.users.agent).get<QueueItem[]>('billing-pending-approval?limit=1&offset=1');
    expect(page.body.data.map((q) => q.ticketUid)).toEqual([second.ticketUid]);
    expect(page.body.meta.total).toBe(3);
  });

  it('is refused to a technician and validates paging', async () => {
    expect((await w.as(w.users.technician).get('billing-pending-approval')).status).toBe(403);
    expect((await w.as(w.users.manager).get('billing-pending-approval?limit=0')).status).toBe(400);
  });
});

describe('POST billing-approve', () => {
  it('lets a manager approve: status new, version bumped, history written, out of the queue; repeating changes nothing', async () => {
    const t = await billable();
    const manager = w.as(w.users.manager);
    const res = await manager.post<Decision>(`billing-approve?uid=${t.ticketUid.toLowerCase()}`, { reason: 'Customer accepted the quote' });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/approved/);
    expect(res.body.data).toMatchObject({ ticketUid: t.ticketUid, status: 'new', approvalStatus: 'approved', changed: true, reason: 'Customer accepted the quote', version: t.version + 1 });
    expect(await ticketRow(t.id)).toMatchObject({ status: 'new', version: t.version + 1, requires_billing_approval: false });
    const history = await w.tdb.db.query<{ action: string; actor_id: string }>('SELECT action, actor_id FROM ticket_history WHERE ticket_id = $1 ORDER BY id', [t.id]);
    expect(history.rows.slice(-2)).toEqual([{ action: 'billing_approved', actor_id: w.users.manager.id }, { action: 'status_changed', actor_id: w.users.manager.id }]);
    const queue = await manager.get<QueueItem[]>('billing-pending-approval?limit=200');
    expect(queue.body.data.map((q) => q.ticketUid)).not.toContain(t.ticketUid);

    const again = await manager.post<Decision>(`billing-approve?uid=${t.ticketUid}`);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ changed: false, status: 'new', approvalStatus: 'approved', version: t.version + 1 });
    expect(again.body.message).toBe('Already approved');
    expect(await ticketRow(t.id)).toMatchObject({ version: t.version + 1 });

    const opposite = await manager.post(`billing-reject?uid=${t.ticketUid}`, { reason: 'Changed my mind' });
    expect(opposite.status).toBe(409);
    expect(opposite.body.error?.details).toMatchObject({ approvalStatus: 'approved', decidedBy: w.users.manager.id });
    expect(await ticketRow(t.id)).toMatchObject({ status: 'new', version: t.version + 1 });
  });

  it('lets an admin approve too, and the ticket can then be worked', async () => {
    const t = await billable();
    expect((await w.as(w.users.admin).post(`billing-approve?uid=${t.ticketUid}`)).status).toBe(200);
    const moved = await w.as(w.users.agent).post<{ status: string }>('tickets-status', { id: t.ticketUid, status: 'triaged' });
    expect(moved.body.data.status).toBe('triaged');
  });

  it('refuses an agent with 403 and changes nothing', async () => {
    const t = await billable();
    const agent = w.as(w.users.agent);
    const res = await agent.post(`billing-approve?uid=${t.ticketUid}`);
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('FORBIDDEN');
    expect((await agent.post(`billing-reject?uid=${t.ticketUid}`, { reason: 'No budget' })).status).toBe(403);
    expect((await w.as(w.users.finance).post(`billing-approve?uid=${t.ticketUid}`)).status).toBe(403);
    expect(await ticketRow(t.id)).toMatchObject({ status: 'pending_approval', version: t.version, requires_billing_approval: true });
  });

  it('answers 409 for work that needs no approval and 404 for an unknown ticket', async () => {
    const g = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const res = await w.as(w.users.manager).post(`billing-approve?uid=${g.ticketUid}`);
    expect(res.status).toBe(409);
    expect(res.body.error?.details).toMatchObject({ billingType: 'guarantee' });
    expect((await w.as(w.users.manager).post('billing-approve?uid=FF-999999')).status).toBe(404);
    await w.tdb.db.query("INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900301', 'internal', 'fault', 'low', 'pending_approval', 'Legacy')");
    const legacy = await w.as(w.users.manager).post('billing-approve?uid=FF-900301');
    expect(legacy.status).toBe(409);
    expect(legacy.body.error?.details).toEqual({ billingType: null });
    expect((await w.as(w.users.manager).post('billing-approve')).status).toBe(400);
  });

  it('sends work that became billable after it started back to wait for approval (issue 12), then approves it to new', async () => {
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee(), assignedTo: w.users.technician.id });
    expect((await w.as(w.users.technician).post('tickets-status', { id: t.ticketUid, status: 'in_progress' })).status).toBe(200);
    const read = await w.as(w.users.agent).get<TicketView>(`tickets-detail?id=${t.id}`);
    const moved = await w.as(w.users.agent).patch<TicketView>(`tickets-detail?id=${t.id}`, { version: read.body.data.version, drNumber: await w.dropOutOfGuarantee() });
    expect(moved.body.data).toMatchObject({ status: 'pending_approval', billingType: 'billable', requiresBillingApproval: true });
    const res = await w.as(w.users.manager).post<Decision>(`billing-approve?uid=${t.ticketUid}`);
    expect(res.body.data).toMatchObject({ status: 'new', approvalStatus: 'approved', changed: true, version: moved.body.data.version + 1 });
    expect(await ticketRow(t.id)).toMatchObject({ status: 'new', requires_billing_approval: false });
  });

  it('does not let the status route skip approval', async () => {
    const t = await billable();
    const res = await w.as(w.users.manager).post('tickets-status', { id: t.ticketUid, status: 'new' });
    expect(res.status).toBe(409);
  });
});

describe('POST billing-reject', () => {
  it('needs a reason, then cancels the ticket and emails the requester through the outbox; repeating changes nothing', async () => {
    const t = await billable();
    const manager = w.as(w.users.manager);
    const bad = await manager.post(`billing-reject?uid=${t.ticketUid}`, {});
    expect(bad.status).toBe(400);
    expect(await ticketRow(t.id)).toMatchObject({ status: 'pending_approval' });

    const res = await manager.post<Decision>(`billing-reject?uid=${t.ticketUid}`, { reason: 'Damage caused by the customer; quote declined' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'cancelled', approvalStatus: 'rejected', changed: true, version: t.version + 1 });
    expect(res.body.data.notified).toMatch(/^a\*\*\*@fibreflow\.test$/);
    const mail = await w.tdb.db.query<{ kind: string; payload: EmailPayload; idempotency_key: string; status: string }>(
      'SELECT kind, payload, idempotency_key, status FROM outbox WHERE ticket_id = $1', [t.id],
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]).toMatchObject({ kind: 'notification.email', idempotency_key: `billing-rejected:${t.id}`, status: 'pending' });
    expect(mail.rows[0].payload).toMatchObject({ to: w.users.agent.email, template: 'billing_rejected', subject: `Billable work on ${t.ticketUid} was not approved` });
    expect(mail.rows[0].payload.text).toMatch(/Reason: Damage caused by the customer; quote declined/);
    expect(mail.rows[0].payload.text).toMatch(/Estimated cost: R\s400,00 excl. VAT/);
    const logged = await w.tdb.db.query<{ id: string; channel: string; recipient: string; trigger: string; status: string }>(
      'SELECT id, channel, recipient, trigger, status FROM notification_log WHERE ticket_id = $1', [t.id],
    );
    expect(logged.rows).toEqual([expect.objectContaining({ channel: 'email', recipient: w.users.agent.email, trigger: 'billing.rejected', status: 'pending' })]);
    expect(mail.rows[0].payload.notificationId).toBe(logged.rows[0].id);

    const again = await manager.post<Decision>(`billing-reject?uid=${t.ticketUid}`, { reason: 'Still no' });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ changed: false, status: 'cancelled', reason: 'Damage caused by the customer; quote declined' });
    expect(again.body.message).toBe('Already rejected');
    expect(await w.count('SELECT count(*)::int AS n FROM outbox WHERE ticket_id = $1', [t.id])).toBe(1);

    const opposite = await manager.post(`billing-approve?uid=${t.ticketUid}`);
    expect(opposite.status).toBe(409);
    expect(await ticketRow(t.id)).toMatchObject({ status: 'cancelled', version: t.version + 1 });
  });

  it('writes to the reporter when no user created the ticket, and to nobody when there is no address', async () => {
    const t = await billable({ reporterEmail: 'thandi@example.co.za' });
    await w.tdb.db.query('UPDATE tickets SET created_by = NULL WHERE id = $1', [t.id]);
    const res = await w.as(w.users.manager).post<Decision>(`billing-reject?uid=${t.ticketUid}`, { reason: 'Out of scope' });
    expect(res.body.data.notified).toBe('t***@example.co.za');
    const unpriced = await billable({ ticketType: 'query' });
    await w.as(w.users.manager).post(`billing-reject?uid=${unpriced.ticketUid}`, { reason: 'Out of scope' });
    const unpricedMail = (await w.tdb.db.query<{ payload: EmailPayload }>('SELECT payload FROM outbox WHERE ticket_id = $1', [unpriced.id])).rows[0].payload;
    expect(unpricedMail.text).toMatch(/Estimated cost: not known\./);
    const nobody = await billable({ ticketType: 'query' });
    await w.tdb.db.query('UPDATE tickets SET created_by = NULL WHERE id = $1', [nobody.id]);
    const res2 = await w.as(w.users.manager).post<Decision>(`billing-reject?uid=${nobody.ticketUid}`, { reason: 'Out of scope' });
    expect(res2.body.data).toMatchObject({ status: 'cancelled', notified: null });
    expect(await w.count('SELECT count(*)::int AS n FROM outbox WHERE ticket_id = $1', [nobody.id])).toBe(0);
    const payload = (await w.tdb.db.query<{ payload: EmailPayload }>('SELECT payload FROM outbox WHERE ticket_id = $1', [t.id])).rows[0].payload;
    expect(payload.text).toMatch(/Estimated cost: R\s400,00/);
  });
});
