// Invoices as finance sees them over HTTP: numbered, with client, lines, totals and delivery state, and as a PDF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicePdf } from '@/src/modules/ticketing/services/billing/invoiceListService';
import { billingWorld, type BillingWorld, type TicketView } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

interface Invoice {
  id: string;
  invoiceNumber: string;
  clientId: string | null;
  clientName: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  lineCount: number;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  state: 'queued' | 'sent' | 'failed';
  lines?: { ticketUid: string; state: string; externalId: string | null; lastError: string | null; line: { totalCents: number } }[];
}

/** Billable work approved, done and resolved: ready to invoice. */
async function resolvedBillable(): Promise<TicketView> {
  const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee(), assignedTo: w.users.technician.id, priority: 'high' });
  expect((await w.as(w.users.manager).post(`billing-approve?uid=${t.ticketUid}`)).status).toBe(200);
  await w.as(w.users.agent).post('tickets-status', { id: t.ticketUid, status: 'assigned' });
  await w.as(w.users.technician).post('tickets-status', { id: t.ticketUid, status: 'in_progress' });
  expect((await w.as(w.users.technician).post('tickets-status', { id: t.ticketUid, status: 'resolved', faultCause: 'client_damage' })).status).toBe(200);
  return t;
}

describe('GET billing-invoices', () => {
  it('numbers each request as an invoice with client, lines, totals, and follows its delivery from queued to sent', async () => {
    const finance = w.as(w.users.finance);
    const t = await resolvedBillable();
    const single = await finance.post<{ invoice: { invoiceNumber: string } }>(`billing-invoice?uid=${t.ticketUid}`);
    expect(single.body.data.invoice.invoiceNumber).toBe('INV-000001');
    // A repeat request writes no second invoice.
    expect((await finance.post<{ invoice: null }>(`billing-invoice?uid=${t.ticketUid}`)).body.data.invoice).toBeNull();

    const list = await finance.get<Invoice[]>('billing-invoices');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ invoiceNumber: 'INV-000001', clientId: w.clientId, lineCount: 1, state: 'queued', periodFrom: null });
    expect(list.body.data[0].totalCents).toBe(list.body.data[0].subtotalCents + list.body.data[0].vatCents);

    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    const one = await finance.get<Invoice>('billing-invoices?id=inv-000001');
    expect(one.body.data).toMatchObject({ state: 'sent', lines: [{ ticketUid: t.ticketUid, state: 'sent', lastError: null }] });
    expect(one.body.data.lines?.[0].externalId).toBeTruthy();
    expect((await finance.get<Invoice>(`billing-invoices?id=${one.body.data.id}`)).body.data.invoiceNumber).toBe('INV-000001');
  });

  it('makes one invoice of a client’s period, lists it first, and shows a dead-lettered line as failed', async () => {
    const finance = w.as(w.users.finance);
    const a = await resolvedBillable();
    const b = await resolvedBillable();
    const batch = await finance.post<{ invoice: { invoiceNumber: string }; created: number }>('billing-invoice', { clientId: w.clientId, from: '2026-11-01', to: '2026-11-30' });
    expect(batch.body.data).toMatchObject({ created: 2, invoice: { invoiceNumber: 'INV-000002' } });
    await w.tdb.db.query("UPDATE outbox SET status = 'dead', last_error = 'HTTP 422 from invoicing' WHERE ticket_id = $1", [a.id]);
    const list = (await finance.get<Invoice[]>(`billing-invoices?clientId=${w.clientId}`)).body.data;
    expect(list.map((i) => i.invoiceNumber)).toEqual(['INV-000002', 'INV-000001']);
    expect(list[0]).toMatchObject({ lineCount: 2, state: 'failed', periodFrom: '2026-11-01', periodTo: '2026-11-30', clientName: expect.any(String) });
    const lines = (await finance.get<Invoice>('billing-invoices?id=INV-000002')).body.data.lines ?? [];
    expect(lines.map((l) => [l.ticketUid, l.state])).toEqual([[a.ticketUid, 'failed'], [b.ticketUid, 'queued']].sort());
    expect(lines.find((l) => l.ticketUid === a.ticketUid)?.lastError).toBe('HTTP 422 from invoicing');
    // Nothing new to invoice: no empty invoice is written.
    const again = await finance.post<{ invoice: null }>('billing-invoice', { clientId: w.clientId, from: '2026-11-01', to: '2026-11-30' });
    expect(again.body.data.invoice).toBeNull();
  });

  it('serves one invoice as a PDF, and refuses unknown invoices (404), agents (403) and bad queries (400)', async () => {
    const finance = w.as(w.users.finance);
    const pdf = await fetch(`${w.server.url}/billing-invoices-pdf?id=INV-000002`, { headers: { authorization: `Bearer ${w.users.finance.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('INV-000002.pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await finance.get('billing-invoices?id=INV-999999')).status).toBe(404);
    expect((await finance.get('billing-invoices-pdf?id=INV-999999')).status).toBe(404);
    expect((await w.as(w.users.agent).get('billing-invoices')).status).toBe(403);
    expect((await finance.get('billing-invoices?limit=0')).status).toBe(400);
    expect((await finance.get('billing-invoices-pdf')).status).toBe(400);
  });

  it('prints an invoice without period or client as such', async () => {
    const stream = invoicePdf(
      { id: 'x', invoiceNumber: 'INV-000009', clientId: null, clientName: null, periodFrom: null, periodTo: null, lineCount: 0, subtotalCents: 0, vatCents: 0, totalCents: 0, state: 'queued', createdAt: '2026-11-25T10:00:00Z', createdByName: null, lines: [] },
      'Africa/Johannesburg', 'Fiona', new Date('2026-11-25T10:00:00Z'),
    );
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
