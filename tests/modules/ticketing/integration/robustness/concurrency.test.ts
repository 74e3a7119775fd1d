// Robustness (issue 12): parallel creates, assigns, status changes and billing decisions on one ticket never lose an
// update or break a rule; UIDs stay unique.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../helpers/factories';
import { billingWorld, type BillingWorld, type TicketView } from '../billingFixture';

let w: BillingWorld;
const stats = { inputs: 0, fiveXX: 0 };
beforeAll(async () => {
  w = await billingWorld('2026-11-20T07:00:00Z');
});
afterAll(async () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/robustness-concurrency.json', JSON.stringify(stats, null, 2));
  await w.close();
});

function tally(statuses: number[]) {
  stats.inputs += statuses.length;
  stats.fiveXX += statuses.filter((s) => s >= 500).length;
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
}

describe('concurrency on one ticket', () => {
  it('gives 30 parallel creates on one drop 30 distinct UIDs in one unbroken sequence', async () => {
    const dr = await w.dropInGuarantee();
    const res = await Promise.all(Array.from({ length: 30 }, (_, i) => w.as(w.users.agent).post<TicketView>('tickets', { source: 'whatsapp', title: `Parallel ${i}`, drNumber: dr })));
    tally(res.map((r) => r.status));
    expect(res.every((r) => r.status === 201)).toBe(true);
    const uids = res.map((r) => r.body.data.ticketUid).sort();
    expect(new Set(uids).size).toBe(30);
    expect(uids).toEqual(Array.from({ length: 30 }, (_, i) => `${dr}-${i + 1}`).sort());
  });

  it('lets one of 20 parallel status changes from the same version win; history records exactly one', async () => {
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const targets = ['triaged', 'cancelled'];
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => w.as(w.users.agent).post<TicketView>('tickets-status', { id: t.id, version: t.version, status: targets[i % 2], reason: 'race' })));
    tally(res.map((r) => r.status));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409)).toHaveLength(19);
    const n = await w.count("SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action = 'status_changed'", [t.id]);
    expect(n).toBe(1);
  });

  it('lets one of 20 parallel assignments from the same version win, with one assignment row', async () => {
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const techs = await Promise.all(Array.from({ length: 20 }, () => makeUser(w.tdb.db, { role: 'technician' })));
    const res = await Promise.all(techs.map((u) => w.as(w.users.manager).post('tickets-assign', { id: t.id, version: t.version, assignedTo: u.id })));
    tally(res.map((r) => r.status));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_assignment_history WHERE ticket_id = $1', [t.id])).toBe(1);
  });

  it('takes exactly one manager decision when approvals and rejections race, and the status follows it', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    expect(t.status).toBe('pending_approval');
    const res = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 ? w.as(w.users.manager).post<{ changed: boolean }>(`billing-approve?uid=${t.ticketUid}`, {}) : w.as(w.users.manager).post<{ changed: boolean }>(`billing-reject?uid=${t.ticketUid}`, { reason: 'race' }),
      ),
    );
    tally(res.map((r) => r.status));
    const changed = res.filter((r) => r.status === 200 && r.body.data.changed);
    expect(changed).toHaveLength(1);
    const row = (await w.tdb.db.query<{ status: string; approval_status: string }>(
      'SELECT t.status, b.approval_status FROM tickets t JOIN ticket_billing b ON b.ticket_id = t.id WHERE t.id = $1', [t.id])).rows[0];
    expect(row).toEqual(row.approval_status === 'approved' ? { status: 'new', approval_status: 'approved' } : { status: 'cancelled', approval_status: 'rejected' });
    const decisions = await w.count("SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1 AND action IN ('billing_approved', 'billing_rejected')", [t.id]);
    expect(decisions).toBe(1);
  });

  it('keeps PATCH updates from the same version from overwriting each other', async () => {
    const t = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => w.as(w.users.agent).patch<TicketView>(`tickets-detail?id=${t.id}`, { version: t.version, title: `Title ${i}` })));
    tally(res.map((r) => r.status));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    const title = (await w.tdb.db.query<{ title: string }>('SELECT title FROM tickets WHERE id = $1', [t.id])).rows[0].title;
    expect(title).toBe((res.find((r) => r.status === 200)?.body.data as TicketView & { title: string }).title);
  });
});
