// Actual costs and invoicing over HTTP: the line reaches the invoicing emulator exactly once, through failures and repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceLinePayload, TicketBilling } from '@/src/modules/ticketing/types/billing';
import { makeDrop, makeProject } from '../../../helpers/factories';
import { billingWorld, type BillingWorld, type TicketView } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

interface Single { mode: 'single'; ticketUid: string; created: boolean; line: InvoiceLinePayload }
interface Batch { mode: 'batch'; created: number; alreadyRequested: number; lines: { ticketUid: string; created: boolean }[]; skipped: { ticketUid: string; reason: string }[]; totalCents: number }

/** A billable ticket assigned to the technician, approved by the manager and moved to in_progress. */
async function approvedInProgress(o: Record<string, unknown> = {}): Promise<TicketView> {
  const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), assignedTo: w.users.technician.id, priority: 'high', ...o });
  expect((await w.as(w.users.manager).post(`billing-approve?uid=${t.ticketUid}`)).status).toBe(200);
  expect((await w.as(w.users.agent).post('tickets-status', { id: t.ticketUid, status: 'assigned' })).status).toBe(200);
  expect((await w.as(w.users.technician).post('tickets-status', { id: t.ticketUid, status: 'in_progress' })).status).toBe(200);
  return t;
}

async function resolve(t: TicketView): Promise<void> {
  expect((await w.as(w.users.technician).post('tickets-status', { id: t.ticketUid, status: 'resolved', faultCause: 'client_damage' })).status).toBe(200);
}

describe('POST billing-actuals', () => {
  it('prices what the work took from the estimate’s fee row (hours, parts, travel, after hours)', async () => {
    const t = await approvedInProgress();
    const res = await w.as(w.users.technician).post<TicketBilling>(`billing-actuals?uid=${t.ticketUid}`, { hours: 2.5, partsCents: 18_990, trips: 2 });
    expect(res.status).toBe(200);
    // fault / high: R350 + R120 x 2.5 + R75 x 2 + parts R189.90 = R989.90
    expect(res.body.data.actual).toEqual({ hours: 2.5, labourCents: 65_000, partsCents: 18_990, travelCents: 15_000, totalCents: 98_990 });
    expect(res.body.data.estimated?.totalCents).toBe(54_500);
    const after = await w.as(w.users.manager).post<TicketBilling>(`billing-actuals?uid=${t.ticketUid}`, { hours: 1, afterHours: true });
    expect(after.body.data.actual).toMatchObject({ labourCents: 35_000 + 12_000 + 23_500, travelCents: 7_500, totalCents: 78_000 });
    const history = await w.tdb.db.query<{ old_value: string; new_value: string }>("SELECT old_value, new_value FROM ticket_history WHERE ticket_id = $1 AND action = 'billing_actuals_recorded' ORDER BY id", [t.id]);
    expect(history.rows).toEqual([{ old_value: null, new_value: '98990' }, { old_value: '98990', new_value: '78000' }]);
  });

  it('prices from the row in force on the ticket’s date when the estimate had none', async () => {
    const t = await approvedInProgress({ ticketType: 'maintenance' });
    expect((await w.as(w.users.technician).post(`billing-actuals?uid=${t.ticketUid}`, { hours: 1 })).status).toBe(422);
    await w.tdb.db.query(
      "INSERT INTO billable_fee_schedule (service_type, ticket_type, base_fee, hourly_rate, travel_fee, effective_from) VALUES ('Maintenance', 'maintenance', 200, 90, 40, '2026-01-01')",
    );
    const res = await w.as(w.users.technician).post<TicketBilling>(`billing-actuals?uid=${t.ticketUid}`, { hours: 2 });
    expect(res.body.data.actual?.totalCents).toBe(20_000 + 18_000 + 4_000);
    expect(res.body.data.feeScheduleId).not.toBeNull();
  });

  it('refuses other people’s tickets (404), unapproved or non-billable work (409), agents (403) and bad input (400)', async () => {
    const mine = await approvedInProgress();
    await w.tdb.db.query('UPDATE tickets SET assigned_to = NULL WHERE id = $1', [mine.id]);
    expect((await w.as(w.users.technician).post(`billing-actuals?uid=${mine.ticketUid}`, { hours: 1 })).status).toBe(404);
    const pending = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    const p = await w.as(w.users.manager).post(`billing-actuals?uid=${pending.ticketUid}`, { hours: 1 });
    expect(p.status).toBe(409);
    expect(p.body.error?.details).toMatchObject({ approvalStatus: 'pending' });
    const guarantee = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    expect((await w.as(w.users.manager).post(`billing-actuals?uid=${guarantee.ticketUid}`, { hours: 1 })).status).toBe(409);
    expect((await w.as(w.users.agent).post(`billing-actuals?uid=${pending.ticketUid}`, { hours: 1 })).status).toBe(403);
    await w.tdb.db.query("INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900101', 'internal', 'fault', 'low', 'in_progress', 'Legacy')");
    const legacy = await w.as(w.users.manager).post('billing-actuals?uid=FF-900101', { hours: 1 });
    expect(legacy.status).toBe(409);
    expect(legacy.body.error?.message).toMatch(/unclassified/);
    for (const body of [{}, { hours: -1 }, { hours: 1.234 }, { hours: 1, partsCents: 10.5 }, { hours: 1, extra: true }]) {
      expect((await w.as(w.users.manager).post(`billing-actuals?uid=${pending.ticketUid}`, body)).status).toBe(400);
    }
  });
});

describe('POST billing-invoice for one ticket', () => {
  it('sends the line to the invoicing system exactly once, through two failures and repeated requests', async () => {
    const t = await approvedInProgress();
    await w.as(w.users.technician).post(`billing-actuals?uid=${t.ticketUid}`, { hours: 2, partsCents: 5_000, trips: 1 });
    await resolve(t);
    w.emulator.failNext(2);
    const finance = w.as(w.users.finance);

    const first = await finance.post<Single>(`billing-invoice?uid=${t.ticketUid}`);
    expect(first.status).toBe(201);
    // R350 + R240 + R75 + parts R50 = R715.00; VAT R107.25; total R822.25
    expect(first.body.data).toMatchObject({ mode: 'single', created: true, line: { ticketUid: t.ticketUid, quantity: 1, unitPriceCents: 71_500, subtotalCents: 71_500, vatRatePercent: 15, vatCents: 10_725, totalCents: 82_225, currency: 'ZAR', resolvedOn: '2026-11-25' } });
    expect(first.body.data.line.description).toMatch(new RegExp(`^Fault call-out \\(high\\): Fault \\(${t.ticketUid}, DR\\d{7}; 2 h actual\\)$`));

    expect(await w.runOutbox()).toEqual({ processed: 1, sent: 0, failed: 1, dead: 0 });
    const row = async () =>
      (await w.tdb.db.query<{ status: string; attempts: number; last_error: string; idempotency_key: string; next_attempt_at: Date }>(
        'SELECT status, attempts, last_error, idempotency_key, next_attempt_at FROM outbox WHERE ticket_id = $1', [t.id],
      )).rows;
    expect((await row())[0]).toMatchObject({ status: 'failed', attempts: 1, idempotency_key: `invoice:${t.ticketUid}`, last_error: expect.stringMatching(/503/) });
    expect(new Date((await row())[0].next_attempt_at).getTime()).toBe(w.clock.now().getTime() + 30_000);
    expect(await w.runOutbox()).toMatchObject({ processed: 0 }); // not due yet

    expect((await finance.post<Single>(`billing-invoice?uid=${t.ticketUid}`)).body.data.created).toBe(false);
    w.clock.advanceMinutes(1);
    expect(await w.runOutbox()).toMatchObject({ processed: 1, failed: 1 });
    const repeat = await finance.post<Single>('billing-invoice', { uid: t.ticketUid });
    expect(repeat.status).toBe(200);
    expect(repeat.body.data).toMatchObject({ created: false, line: first.body.data.line });
    w.clock.advanceMinutes(2);
    expect(await w.runOutbox()).toMatchObject({ processed: 1, sent: 1 });

    expect(await row()).toHaveLength(1);
    expect((await row())[0]).toMatchObject({ status: 'sent', attempts: 3 });
    const lines = w.emulator.lines.filter((l) => l.reference === t.ticketUid);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ idempotencyKey: t.ticketUid, unitPrice: '715.00', vat: '107.25', total: '822.25', quantity: 1, currency: 'ZAR', client: { id: w.clientId, name: expect.any(String) } });
    expect(w.emulator.requests.filter((r) => r.idempotencyKey === t.ticketUid).map((r) => r.status)).toEqual([503, 503, 201]);

    expect((await finance.post<Single>(`billing-invoice?uid=${t.ticketUid}`)).body.data.created).toBe(false);
    expect(await w.runOutbox()).toMatchObject({ processed: 0 });
    expect(w.emulator.lines.filter((l) => l.reference === t.ticketUid)).toHaveLength(1);
    const billing = (await w.as(w.users.finance).get<TicketBilling>(`billing-ticket?uid=${t.ticketUid}`)).body.data;
    expect(billing.invoiceId).toBe(lines[0].id);
    expect(billing.invoicedAt).not.toBeNull();
    expect(billing.invoiceRequestedAt).not.toBeNull();
    const actuals = await w.as(w.users.technician).post(`billing-actuals?uid=${t.ticketUid}`, { hours: 3 });
    expect(actuals.status).toBe(409);
    const read = await w.as(w.users.agent).get<TicketView>(`tickets-detail?id=${t.id}`);
    await w.as(w.users.agent).patch(`tickets-detail?id=${t.id}`, { version: read.body.data.version, drNumber: await w.dropInGuarantee() });
    expect((await w.as(w.users.finance).get<TicketBilling>(`billing-ticket?uid=${t.ticketUid}`)).body.data).toMatchObject({ billingType: 'billable', invoiceId: lines[0].id });
    const skipped = await w.tdb.db.query<{ details: { reason: string } }>("SELECT details FROM ticket_history WHERE ticket_id = $1 AND action = 'billing_reclassify_skipped'", [t.id]);
    expect(skipped.rows[0].details.reason).toBe('Billing kept: an invoice line was already requested');
  });

  it('invoices the estimate when no actuals were recorded', async () => {
    const t = await approvedInProgress();
    await resolve(t);
    const res = await w.as(w.users.finance).post<Single>(`billing-invoice?uid=${t.ticketUid}`);
    expect(res.body.data.line).toMatchObject({ subtotalCents: 54_500, vatCents: 8_175, totalCents: 62_675 });
    expect(res.body.data.line.description).toMatch(/; estimate\)$/);
    expect(await w.runOutbox()).toMatchObject({ processed: 1, sent: 1 });
    expect(w.emulator.lines.find((l) => l.reference === t.ticketUid)).toMatchObject({ unitPrice: '545.00', vat: '81.75', total: '626.75' });
  });

  it('invoices work without a DR number or client', async () => {
    const t = await approvedInProgress({ source: 'adhoc', drNumber: null });
    await resolve(t);
    const res = await w.as(w.users.finance).post<Single>(`billing-invoice?uid=${t.ticketUid}`);
    expect(res.body.data.line).toMatchObject({ drNumber: null, clientId: null, clientName: null });
    expect(res.body.data.line.description).toBe(`Fault call-out (high): Fault (${t.ticketUid}; estimate)`);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(w.emulator.lines.find((l) => l.reference === t.ticketUid)).toMatchObject({ drNumber: null, client: { id: null, name: null } });
  });

  it('refuses work that is not resolved, not approved or not billable (409), has no cost (422), or an agent (403)', async () => {
    const finance = w.as(w.users.finance);
    const open = await approvedInProgress();
    const r1 = await finance.post(`billing-invoice?uid=${open.ticketUid}`);
    expect(r1.status).toBe(409);
    expect(r1.body.error?.message).toMatch(/is in_progress; only resolved or closed work is invoiced/);
    const pending = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    expect((await finance.post(`billing-invoice?uid=${pending.ticketUid}`)).body.error?.message).toMatch(/pending, not approved/);
    const guarantee = await w.createTicket({ drNumber: await w.dropInGuarantee() });
    expect((await finance.post(`billing-invoice?uid=${guarantee.ticketUid}`)).status).toBe(409);
    await w.tdb.db.query("INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title) VALUES ('FF-900102', 'internal', 'fault', 'low', 'resolved', 'Legacy')");
    expect((await finance.post('billing-invoice?uid=FF-900102')).body.error?.message).toMatch(/is not billable work \(unclassified\)/);
    const unpriced = await approvedInProgress({ ticketType: 'complaint' });
    await resolve(unpriced);
    const r4 = await finance.post(`billing-invoice?uid=${unpriced.ticketUid}`);
    expect(r4.status).toBe(422);
    expect(r4.body.error?.message).toMatch(/has no cost/);
    expect((await w.as(w.users.agent).post(`billing-invoice?uid=${open.ticketUid}`)).status).toBe(403);
    expect((await finance.post('billing-invoice')).status).toBe(400);
    expect((await finance.post('billing-invoice', { clientId: w.clientId, from: '2026-11-01' })).status).toBe(400);
    expect((await finance.post('billing-invoice', { clientId: w.clientId, from: '2026-11-30', to: '2026-11-01' })).status).toBe(400);
    expect((await finance.post('billing-invoice?uid=FF-999999')).status).toBe(404);
    expect(await w.count('SELECT count(*)::int AS n FROM outbox WHERE ticket_id = ANY($1::uuid[])', [[open.id, pending.id, guarantee.id, unpriced.id]])).toBe(0);
  });
});

describe('POST billing-invoice for a client and period', () => {
  it('makes one line per resolved, approved ticket in the period, once, and says what it skipped', async () => {
    const p = await makeProject(w.tdb.db, { name: 'Mamelodi' });
    const drop = async () => (await makeDrop(w.tdb.db, { projectId: p.id, installDate: '2025-01-15' })).drNumber;
    const a = await approvedInProgress({ drNumber: await drop() });
    const b = await approvedInProgress({ drNumber: await drop(), priority: 'low' });
    const noCost = await approvedInProgress({ drNumber: await drop(), ticketType: 'complaint' });
    const later = await approvedInProgress({ drNumber: await drop() });
    await resolve(a);
    await resolve(b);
    await resolve(noCost);
    const now = w.clock.now();
    w.clock.set('2026-12-02T08:30:00Z');
    await resolve(later);
    w.clock.set(now);

    const finance = w.as(w.users.finance);
    const res = await finance.post<Batch>('billing-invoice', { clientId: p.clientId, from: '2026-11-01', to: '2026-11-30' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ mode: 'batch', created: 2, alreadyRequested: 0, totalCents: 62_675 + 32_200 });
    expect(res.body.data.lines.map((l) => l.ticketUid).sort()).toEqual([a.ticketUid, b.ticketUid].sort());
    expect(res.body.data.skipped).toEqual([{ ticketUid: noCost.ticketUid, reason: expect.stringMatching(/has no cost/) }]);

    const again = await finance.post<Batch>('billing-invoice', { clientId: p.clientId, from: '2026-11-01', to: '2026-11-30' });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ created: 0, alreadyRequested: 2, totalCents: 0 });
    expect(await w.runOutbox()).toEqual({ processed: 2, sent: 2, failed: 0, dead: 0 });
    expect(w.emulator.lines.filter((l) => [a.ticketUid, b.ticketUid, later.ticketUid].includes(l.reference)).map((l) => l.reference).sort()).toEqual([a.ticketUid, b.ticketUid].sort());
  });
});
