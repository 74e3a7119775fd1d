// The invoicing client and its outbox handler against the emulator: API key, idempotency replay, refusals, timeouts.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { createInvoicingClient, InvoicingError, isRetryableStatus, toWire } from '@/src/modules/ticketing/integrations/invoicing/invoicingClient';
import type { InvoiceLinePayload } from '@/src/modules/ticketing/types/billing';
import { billingWorld, INVOICING_KEY, type BillingWorld } from './billingFixture';

let w: BillingWorld;
let textServer: Server;
let textUrl: string;
beforeAll(async () => {
  w = await billingWorld();
  // An upstream that answers 200 with a text page (a misconfigured proxy): no JSON, no line id.
  textServer = createServer((req, res) => {
    if (req.url?.startsWith('/gateway')) res.statusCode = 502;
    res.end(req.url?.startsWith('/gateway') ? 'Bad gateway' : '<html>ok</html>');
  });
  await new Promise<void>((r) => textServer.listen(0, '127.0.0.1', r));
  textUrl = `http://127.0.0.1:${(textServer.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => textServer.close(r));
  await w.close();
});

let n = 0;
function line(o: Partial<InvoiceLinePayload> = {}): InvoiceLinePayload {
  n += 1;
  return {
    ticketUid: `FF-${String(700_000 + n)}`, drNumber: 'DR1734472', clientId: null, clientName: 'Openserve', description: 'Fault call-out',
    quantity: 1, unitPriceCents: 54_500, subtotalCents: 54_500, vatRatePercent: 15, vatCents: 8_175, totalCents: 62_675, currency: 'ZAR',
    resolvedOn: '2026-11-25', ...o,
  };
}

const outboxRow = async (id: string) =>
  (await w.tdb.db.query<{ status: string; last_error: string | null; response: unknown }>('SELECT status, last_error, response FROM outbox WHERE id = $1', [id])).rows[0];
const enqueueLine = async (payload: unknown) =>
  (await enqueueOutbox(w.tdb.db, { kind: 'invoice.line', payload, idempotencyKey: `k-${Math.random()}`, runAt: w.clock.now() })).id as string;

describe('invoicing client', () => {
  it('sends the line in rand with the API key, and replays the first answer for a repeated idempotency key', async () => {
    const c = createInvoicingClient({ baseUrl: `${w.emulator.url}/`, apiKey: INVOICING_KEY });
    const l = line();
    const first = await c.createLine(l);
    const second = await c.createLine(l);
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ id: first.id, replayed: true });
    expect(w.emulator.lines.filter((x) => x.reference === l.ticketUid)).toEqual([
      expect.objectContaining({ idempotencyKey: l.ticketUid, unitPrice: '545.00', vatRate: '15.00', vat: '81.75', total: '626.75', serviceDate: '2026-11-25', client: { id: null, name: 'Openserve' } }),
    ]);
  });

  it('reports a refusal as final and an outage as retryable', async () => {
    const bad = createInvoicingClient({ baseUrl: w.emulator.url, apiKey: 'wrong' });
    await expect(bad.createLine(line())).rejects.toMatchObject({ status: 401, retryable: false, message: expect.stringMatching(/401: .*Invalid API key/) });
    const good = createInvoicingClient({ baseUrl: w.emulator.url, apiKey: INVOICING_KEY });
    await expect(good.createLine(line({ totalCents: 1 }))).rejects.toMatchObject({ status: 422, retryable: false });
    w.emulator.failNext(1);
    await expect(good.createLine(line())).rejects.toMatchObject({ status: 503, retryable: true });
    const wrongPath = createInvoicingClient({ baseUrl: `${w.emulator.url}/api`, apiKey: INVOICING_KEY });
    await expect(wrongPath.createLine(line())).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('treats a slow, unreachable or odd upstream as retryable', async () => {
    w.emulator.setDelay(300);
    try {
      const slow = createInvoicingClient({ baseUrl: w.emulator.url, apiKey: INVOICING_KEY, timeoutMs: 50 });
      await expect(slow.createLine(line())).rejects.toMatchObject({ status: null, retryable: true, message: expect.stringMatching(/unreachable/) });
    } finally {
      w.emulator.setDelay(0);
    }
    const closed = createInvoicingClient({ baseUrl: 'http://127.0.0.1:1', apiKey: INVOICING_KEY });
    await expect(closed.createLine(line())).rejects.toBeInstanceOf(InvoicingError);
    const text = createInvoicingClient({ baseUrl: textUrl, apiKey: INVOICING_KEY });
    await expect(text.createLine(line())).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/without a line id/), response: '<html>ok</html>' });
    const gateway = createInvoicingClient({ baseUrl: `${textUrl}/gateway`, apiKey: INVOICING_KEY });
    await expect(gateway.createLine(line())).rejects.toMatchObject({ status: 502, retryable: true, message: 'Invoicing system answered 502: Bad gateway' });
  });

  it.each([
    [500, true], [503, true], [408, true], [409, true], [429, true], [400, false], [401, false], [403, false], [404, false], [422, false],
  ])('retries status %i: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });

  it('maps a line to the wire format with decimal amounts', () => {
    expect(toWire(line({ ticketUid: 'FT490441', unitPriceCents: 5, subtotalCents: 5, vatCents: 1, totalCents: 6, drNumber: null }))).toMatchObject({
      reference: 'FT490441', drNumber: null, unitPrice: '0.05', vat: '0.01', total: '0.06', quantity: 1, currency: 'ZAR',
    });
  });
});

describe('invoice.line outbox handler', () => {
  it('dead-letters a line the invoicing system refuses, and sends it after an operator fixes the key and retries', async () => {
    const id = await enqueueLine(line());
    expect(await w.runOutbox({ config: { INVOICING_API_KEY: 'rotated-out' } })).toMatchObject({ dead: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/401/), response: { error: { code: 'unauthorized' } } });
    expect((await w.as(w.users.admin).post('outbox', { id })).status).toBe(200);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect((await outboxRow(id)).response).toMatchObject({ replayed: false, invoiceLineId: expect.stringMatching(/^INVL-/) });
  });

  it('keeps retrying while invoicing is not configured or unreachable', async () => {
    const id = await enqueueLine(line());
    expect(await w.runOutbox({ config: { INVOICING_URL: undefined } })).toMatchObject({ failed: 1 });
    expect((await outboxRow(id)).last_error).toMatch(/not connected yet/);
    w.clock.advanceMinutes(5);
    expect(await w.runOutbox({ config: { INVOICING_URL: 'http://127.0.0.1:1' } })).toMatchObject({ failed: 1 });
    expect((await outboxRow(id)).last_error).toMatch(/unreachable/);
    w.clock.advanceMinutes(5);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
  });

  it('dead-letters a payload that is not an invoice line', async () => {
    const id = await enqueueLine({ ticketUid: 'FF-1' });
    expect(await w.runOutbox()).toMatchObject({ dead: 1 });
    expect((await outboxRow(id)).last_error).toMatch(/Invalid invoice line payload: .*description/);
  });
});
