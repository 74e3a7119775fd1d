// The outbox worker on a real database: claims, retries with backoff, dead letters, leases, parallel workers, and its routes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueOutbox, markOutboxSent } from '@/src/modules/ticketing/db/outboxRepo';
import { PermanentOutboxError, type OutboxHandler, type OutboxItem } from '@/src/modules/ticketing/jobs/outboxTypes';
import { OUTBOX_HANDLERS } from '@/src/modules/ticketing/jobs/outboxHandlers';
import { assertCronSecret } from '@/src/lib/api/cron';
import { call } from '../../../helpers/http';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());
beforeEach(async () => {
  await w.tdb.db.query('DELETE FROM outbox');
});

let seq = 0;
const enqueue = (kind: string, o: { maxAttempts?: number; payload?: unknown; runAt?: Date } = {}) =>
  enqueueOutbox(w.tdb.db, { kind, payload: o.payload ?? { n: (seq += 1) }, idempotencyKey: `test-${seq}-${Math.random()}`, maxAttempts: o.maxAttempts, runAt: o.runAt ?? w.clock.now() });
const rowOf = async (id: string) =>
  (await w.tdb.db.query<{ status: string; attempts: number; last_error: string | null; response: unknown; next_attempt_at: Date; locked_by: string | null; sent_at: Date | null }>(
    'SELECT status, attempts, last_error, response, next_attempt_at, locked_by, sent_at FROM outbox WHERE id = $1', [id],
  )).rows[0];

describe('processOutboxBatch', () => {
  it('delivers due items, stores what the other side answered, and leaves items not yet due', async () => {
    const seen: OutboxItem[] = [];
    const handlers: Record<string, OutboxHandler> = { 'test.echo': async (item) => (seen.push(item), { echoed: item.payload }) };
    const due = await enqueue('test.echo', { payload: { hello: 'world' } });
    const future = await enqueue('test.echo', { runAt: new Date(w.clock.now().getTime() + 60_000) });
    expect(await w.runOutbox({ handlers })).toEqual({ processed: 1, sent: 1, failed: 0, dead: 0 });
    expect(seen).toEqual([expect.objectContaining({ id: due.id, kind: 'test.echo', payload: { hello: 'world' }, attempts: 1, maxAttempts: 8 })]);
    expect(await rowOf(due.id as string)).toMatchObject({ status: 'sent', attempts: 1, response: { echoed: { hello: 'world' } }, locked_by: null, last_error: null });
    expect((await rowOf(due.id as string)).sent_at).not.toBeNull();
    expect(await rowOf(future.id as string)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('retries with growing delays and goes dead after max attempts, keeping the last error', async () => {
    const handlers = { 'test.flaky': async () => Promise.reject(new Error('connection reset')) };
    const { id } = await enqueue('test.flaky', { maxAttempts: 3 });
    const delays: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const before = w.clock.now().getTime();
      expect(await w.runOutbox({ handlers, random: () => 0 })).toMatchObject({ failed: 1 });
      const r = await rowOf(id as string);
      delays.push(new Date(r.next_attempt_at).getTime() - before);
      w.clock.set(r.next_attempt_at);
    }
    expect(delays).toEqual([15_000, 30_000]);
    expect(await w.runOutbox({ handlers })).toMatchObject({ processed: 1, dead: 1 });
    expect(await rowOf(id as string)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'Error: connection reset' });
    w.clock.advanceMinutes(120);
    expect(await w.runOutbox({ handlers })).toMatchObject({ processed: 0 });
  });

  it('sends a permanent refusal to dead at once, and an unknown kind too', async () => {
    const handlers = { 'test.refused': async () => Promise.reject(Object.assign(new PermanentOutboxError('422 bad line'), { response: { code: 'invalid' } })) };
    const refused = await enqueue('test.refused');
    const unknown = await enqueue('test.nobody-handles-this');
    expect(await w.runOutbox({ handlers })).toEqual({ processed: 2, sent: 0, failed: 0, dead: 2 });
    expect(await rowOf(refused.id as string)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'PermanentOutboxError: 422 bad line', response: { code: 'invalid' } });
    expect((await rowOf(unknown.id as string)).last_error).toMatch(/No handler for outbox kind "test.nobody-handles-this"/);
  });

  it('makes an item enqueued without a time due from the database clock', async () => {
    const { id } = await enqueueOutbox(w.tdb.db, { kind: 'test.echo', payload: {}, idempotencyKey: 'no-run-at' });
    const r = await rowOf(id as string);
    expect(Math.abs(new Date(r.next_attempt_at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('ignores a second enqueue with the same idempotency key', async () => {
    const first = await enqueueOutbox(w.tdb.db, { kind: 'test.echo', payload: { n: 1 }, idempotencyKey: 'same-key', runAt: w.clock.now() });
    const second = await enqueueOutbox(w.tdb.db, { kind: 'test.echo', payload: { n: 2 }, idempotencyKey: 'same-key', runAt: w.clock.now() });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: null, created: false });
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key = 'same-key'")).toBe(1);
  });

  it('stores a non-Error rejection as text', async () => {
    const { id } = await enqueue('test.odd');
    await w.runOutbox({ handlers: { 'test.odd': () => Promise.reject('plain string') } });
    expect(await rowOf(id as string)).toMatchObject({ status: 'failed', last_error: 'plain string' });
  });

  it('takes back an item whose worker died mid-delivery once the lease expires, not before', async () => {
    const { id } = await enqueue('test.echo');
    await w.tdb.db.query("UPDATE outbox SET status = 'processing', attempts = 1, locked_by = 'dead-worker', locked_at = $2 WHERE id = $1", [id, new Date(w.clock.now().getTime() - 60_000)]);
    const handlers = { 'test.echo': async () => 'ok' };
    expect(await w.runOutbox({ handlers })).toMatchObject({ processed: 0 });
    w.clock.advanceMinutes(5);
    expect(await w.runOutbox({ handlers, workerId: 'rescuer' })).toMatchObject({ processed: 1, sent: 1 });
    expect(await rowOf(id as string)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await markOutboxSent(w.tdb.db, id as string, 'dead-worker', 'late', w.clock.now())).toBe(false);
  });

  it('lets parallel workers share the queue: every item is delivered exactly once', async () => {
    const deliveries = new Map<string, number>();
    const handlers = {
      'test.count': async (item: OutboxItem) => {
        deliveries.set(item.id, (deliveries.get(item.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
        return null;
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await enqueue('test.count')).id as string);
    const results = await Promise.all(['w1', 'w2', 'w3'].map((workerId) => w.runOutbox({ handlers, workerId, limit: 10 })));
    expect(results.reduce((s, r) => s + r.processed, 0)).toBe(30);
    expect([...deliveries.keys()].sort()).toEqual([...ids].sort());
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE status = 'sent'")).toBe(30);
  });

  it('registers the invoicing handler for invoice lines', () => {
    expect(typeof OUTBOX_HANDLERS['invoice.line']).toBe('function');
  });
});

describe('GET and POST outbox', () => {
  it('lists items by status with counts, and retries a dead one as a fresh item', async () => {
    const dead = await enqueue('test.nobody');
    await w.runOutbox({ handlers: {} });
    const sent = await enqueue('test.echo');
    await w.runOutbox({ handlers: { 'test.echo': async () => 'ok' } });
    const finance = w.as(w.users.finance);
    const list = await finance.get<{ id: string; status: string; lastError: string }[]>('outbox?status=dead');
    expect(list.status).toBe(200);
    expect(list.body.data.map((i) => i.id)).toEqual([dead.id]);
    expect(list.body.meta.counts).toMatchObject({ dead: 1, sent: 1, pending: 0 });
    expect((await finance.get<unknown[]>('outbox?kind=test.echo')).body.data).toHaveLength(1);
    expect((await finance.get('outbox?status=lost')).status).toBe(400);
    expect((await w.as(w.users.agent).get('outbox')).status).toBe(403);

    const admin = w.as(w.users.admin);
    const retried = await admin.post<{ status: string; attempts: number }>('outbox', { id: dead.id });
    expect(retried.status).toBe(200);
    expect(retried.body.data).toMatchObject({ status: 'pending', attempts: 0 });
    const conflict = await admin.post('outbox', { id: sent.id });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.details).toEqual({ status: 'sent' });
    expect((await admin.post('outbox', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await w.as(w.users.manager).post('outbox', { id: dead.id })).status).toBe(403);
  });

  it('shows an invoice line with its ticket UID', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    await w.tdb.db.query("INSERT INTO outbox (kind, payload, idempotency_key, ticket_id) VALUES ('invoice.line', '{}', $1, $2)", [`x-${t.ticketUid}`, t.id]);
    const list = await w.as(w.users.admin).get<{ ticketUid: string }[]>(`outbox?ticketId=${t.id}`);
    expect(list.body.data).toEqual([expect.objectContaining({ ticketUid: t.ticketUid, sentAt: null })]);
  });
});

describe('POST cron-outbox', () => {
  const secret = 'test-cron-secret-0123456789';
  it('runs a batch for the scheduler with the secret as Bearer or x-cron-secret, and 401s without it', async () => {
    await enqueue('invoice.line', { payload: { not: 'a line' } });
    expect((await call(w.server.url, 'POST', 'cron-outbox')).status).toBe(401);
    expect((await call(w.server.url, 'POST', 'cron-outbox', { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
    expect((await call(w.server.url, 'POST', 'cron-outbox', { headers: { 'x-cron-secret': 'short' } })).status).toBe(401);
    expect((await call(w.server.url, 'POST', 'cron-outbox', { token: w.users.admin.token })).status).toBe(401);
    const ok = await call(w.server.url, 'POST', 'cron-outbox', { headers: { authorization: `Bearer ${secret}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ processed: 1, sent: 0, failed: 0, dead: 1 });
    const again = await call(w.server.url, 'POST', 'cron-outbox', { headers: { 'x-cron-secret': secret } });
    expect(again.body.data).toEqual({ processed: 0, sent: 0, failed: 0, dead: 0 });
    expect((await call(w.server.url, 'PUT', 'cron-outbox')).status).toBe(405);
  });

  it('refuses every caller when no secret is configured', () => {
    expect(() => assertCronSecret(undefined, { authorization: 'Bearer anything' })).toThrow(/cron secret/);
    expect(() => assertCronSecret(secret, { cronSecret: [secret, secret] })).toThrow(/cron secret/);
    expect(() => assertCronSecret(secret, { cronSecret: secret })).not.toThrow();
  });
});
