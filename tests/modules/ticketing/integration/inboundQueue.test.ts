// The shared inbound plumbing on a real database: store-first with de-duplication, the worker's claim, retry and
// review, the review queue and integration status routes, channel state and job leases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { moduleLogger } from '@/src/lib/logger';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { acquireJobLease, getIntegrationState, listIntegrationState, releaseJobLease, setIntegrationState, withJobLease } from '@/src/modules/ticketing/db/integrationStateRepo';
import { findInboundByExternalId, insertClaimedInboundEvent } from '@/src/modules/ticketing/db/inboundRepo';
import { drainInbound, processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { PermanentInboundError, type InboundProcessor } from '@/src/modules/ticketing/jobs/inboundTypes';
import { acceptInbound } from '@/src/modules/ticketing/services/inboundService';
import { getIntegrationsStatus } from '@/src/modules/ticketing/services/integrationStatusService';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
const log = moduleLogger('test').child({}, { level: 'silent' });
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());
beforeEach(async () => {
  await w.tdb.db.query('DELETE FROM inbound_events');
  await w.tdb.db.query('DELETE FROM outbox');
});

const ctx = () => ({ db: w.tdb.db, clock: w.clock, log });
const deps = () => ({ db: w.tdb.db, clock: w.clock, log, config: w.server.config });
const accept = (externalId: string, source = 'test', payload: unknown = { n: externalId }) => acceptInbound(ctx(), { source, externalId, eventType: 'message', payload, headers: { 'x-test': '1' } });
const statusOf = async (id: string) => (await w.tdb.db.query<{ status: string; attempts: number; error: string | null; ticket_id: string | null }>('SELECT status, attempts, error, ticket_id FROM inbound_events WHERE id = $1', [id])).rows[0];

describe('accepting inbound events', () => {
  it('stores the payload once; a redelivery of the same id is a duplicate and changes nothing', async () => {
    const first = await accept('m-1', 'test', { text: 'hello' });
    const again = await accept('m-1', 'test', { text: 'changed on retry' });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ id: first.id, duplicate: true });
    const stored = await findInboundByExternalId(w.tdb.db, 'test', 'm-1');
    expect(stored).toMatchObject({ payload: { text: 'hello' }, headers: { 'x-test': '1' }, status: 'received', eventType: 'message', attempts: 0 });
    expect(await findInboundByExternalId(w.tdb.db, 'other', 'm-1')).toBeNull();
  });

  it('stores an event already claimed by a poller in one go; the same id again is not stored twice', async () => {
    const now = w.clock.now();
    const claimed = await insertClaimedInboundEvent(w.tdb.db, { source: 'test', externalId: 'c-1', eventType: 'case.sync', payload: { n: 1 } }, { now, workerId: 'poller-1' });
    expect(claimed).toMatchObject({ source: 'test', externalId: 'c-1', eventType: 'case.sync', payload: { n: 1 }, status: 'processing', attempts: 1, ticketId: null });
    expect(await w.tdb.db.query('SELECT status, attempts, locked_by FROM inbound_events WHERE id = $1', [claimed?.id])).toMatchObject({ rows: [{ status: 'processing', attempts: 1, locked_by: 'poller-1' }] });
    expect(await insertClaimedInboundEvent(w.tdb.db, { source: 'test', externalId: 'c-1', payload: { n: 2 } }, { now, workerId: 'poller-2' })).toBeNull();
    expect(await findInboundByExternalId(w.tdb.db, 'test', 'c-1')).toMatchObject({ payload: { n: 1 }, status: 'processing' });
    expect(await accept('c-1')).toEqual({ id: claimed?.id, duplicate: true });
  });
});

describe('processInboundBatch', () => {
  it('processes in arrival order, records outcomes, and leaves sources without a processor alone', async () => {
    const seen: string[] = [];
    const { id: ticketId } = await w.createTicket({ title: 'Linked' });
    const processors: Record<string, InboundProcessor> = {
      test: async (e) => {
        seen.push(e.externalId);
        if (e.externalId === 'ignore-me') return { status: 'ignored', reason: 'echo of our own send' };
        if (e.externalId === 'unmatched') return { status: 'review', reason: 'no open ticket in this chat' };
        return { status: 'processed', ticketId };
      },
    };
    const a = await accept('a');
    w.clock.advanceMinutes(1);
    const b = await accept('ignore-me');
    w.clock.advanceMinutes(1);
    const c = await accept('unmatched');
    const other = await accept('x', 'nobody');
    expect(await processInboundBatch(deps(), { processors })).toEqual({ claimed: 3, processed: 1, ignored: 1, review: 1, failed: 0, dead: 0 });
    expect(seen).toEqual(['a', 'ignore-me', 'unmatched']);
    expect(await statusOf(a.id)).toMatchObject({ status: 'processed', attempts: 1, ticket_id: ticketId, error: null });
    expect(await statusOf(b.id)).toMatchObject({ status: 'ignored', error: 'echo of our own send' });
    expect(await statusOf(c.id)).toMatchObject({ status: 'review', error: 'no open ticket in this chat' });
    expect(await statusOf(other.id)).toMatchObject({ status: 'received', attempts: 0 });
    expect(await processInboundBatch(deps(), { processors })).toMatchObject({ claimed: 0 });
    expect(await processInboundBatch(deps(), { processors: {} })).toMatchObject({ claimed: 0 });
  });

  it('retries a failing event with backoff, goes dead after the last attempt, and sends a permanent error to review', async () => {
    const config = { ...w.server.config, OUTBOX_MAX_ATTEMPTS: 2 };
    const processors: Record<string, InboundProcessor> = {
      test: async (e) => {
        if (e.externalId === 'garbled') throw new PermanentInboundError('payload is not a message');
        throw new Error('database hiccup');
      },
    };
    const flaky = await accept('flaky');
    const garbled = await accept('garbled');
    expect(await processInboundBatch({ ...deps(), config }, { processors, random: () => 0 })).toMatchObject({ claimed: 2, failed: 1, review: 1 });
    expect(await statusOf(garbled.id)).toMatchObject({ status: 'review', error: 'payload is not a message' });
    expect(await statusOf(flaky.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'database hiccup' });
    expect(await processInboundBatch({ ...deps(), config }, { processors })).toMatchObject({ claimed: 0 });
    w.clock.advanceMinutes(1);
    expect(await processInboundBatch({ ...deps(), config }, { processors })).toMatchObject({ claimed: 1, dead: 1 });
    expect(await statusOf(flaky.id)).toMatchObject({ status: 'dead', attempts: 2 });
  });

  it('sends an event of a source with no processor to review when that source is asked for', async () => {
    const e = await accept('lonely', 'unheard-of');
    expect(await processInboundBatch(deps(), { processors: {}, sources: ['unheard-of'] })).toMatchObject({ claimed: 1, review: 1 });
    expect((await statusOf(e.id)).error).toMatch(/No processor for inbound source "unheard-of"/);
  });

  it('never hands one event to two workers at once, and reclaims one whose worker died', async () => {
    await accept('once');
    const calls: string[] = [];
    const slow: InboundProcessor = async (e) => (calls.push(e.externalId), await new Promise((r) => setTimeout(r, 20)), { status: 'processed' });
    const [r1, r2] = await Promise.all([
      processInboundBatch(deps(), { processors: { test: slow }, workerId: 'w1' }),
      processInboundBatch(deps(), { processors: { test: slow }, workerId: 'w2' }),
    ]);
    expect(r1.claimed + r2.claimed).toBe(1);
    expect(calls).toEqual(['once']);
    const stuck = await accept('stuck');
    await w.tdb.db.query(`UPDATE inbound_events SET status = 'processing', locked_by = 'dead-worker', locked_at = $2 WHERE id = $1`, [stuck.id, w.clock.now()]);
    expect(await processInboundBatch(deps(), { processors: { test: slow } })).toMatchObject({ claimed: 0 });
    w.clock.advanceMinutes(6);
    expect(await processInboundBatch(deps(), { processors: { test: slow } })).toMatchObject({ claimed: 1, processed: 1 });
  });
});

describe('recording outcomes', () => {
  it('runs the outcome statement again when it loses a deadlock, and gives up on other errors', async () => {
    const e = await accept('deadlocked');
    let failures = 1;
    // The server's answer to a deadlock victim (SQLSTATE 40P01), on the statement that records outcomes.
    const db = { ...w.tdb.db, query: (sql: string, params?: unknown[]) => {
      if (sql.includes('SET status = r.status') && failures > 0) {
        failures -= 1;
        return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
      }
      return w.tdb.db.query(sql, params);
    } } as typeof w.tdb.db;
    const processors: Record<string, InboundProcessor> = { test: async () => ({ status: 'processed' }) };
    expect(await processInboundBatch({ ...deps(), db }, { processors })).toMatchObject({ claimed: 1, processed: 1 });
    expect(await statusOf(e.id)).toMatchObject({ status: 'processed' });
    await accept('broken');
    failures = 5;
    await expect(processInboundBatch({ ...deps(), db }, { processors })).rejects.toThrow('deadlock detected');
    expect(failures).toBe(2); // three tries, then the error goes to the worker loop (logged; the lease brings the events back)
  });
});

describe('runs of events in one transaction', () => {
  it('shares a transaction and its locks across consecutive batching events, and after a throw runs that run one at a time', async () => {
    // A second apart, so the claim's arrival order is this order.
    for (const id of ['t-1', 't-2', 'alone', 't-3', 't-4', 'not-yet']) await accept(id).then(() => w.clock.advanceMinutes(1 / 60));
    const seen: { id: string; tx: string; locks: number }[] = [];
    let boom = true;
    const processor: InboundProcessor = async (e, d, run) => {
      const tx = (await d.db.query<{ x: string }>('SELECT txid_current()::text AS x')).rows[0].x;
      const locks = (await d.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")).rows[0].n;
      seen.push({ id: e.externalId, tx, locks: run ? run.locked.size * 10 + locks : locks });
      if (e.externalId === 't-4' && boom) {
        boom = false;
        await setIntegrationState(d.db, 'test', 'ghost', { written: 'before the throw' }, w.clock.now());
        throw new Error('boom');
      }
      return e.externalId === 'not-yet' ? { status: 'retry', reason: 'Ack for a message not recorded yet' } : { status: 'processed' };
    };
    const batching = { test: { together: (e: { externalId: string }) => e.externalId !== 'alone', lockKey: (e: { externalId: string }) => `test:${e.externalId}` } };
    expect(await processInboundBatch(deps(), { processors: { test: processor }, batching })).toMatchObject({ claimed: 6, processed: 5, failed: 1 });
    const txs = (id: string) => seen.filter((s) => s.id === id).map((s) => s.tx);
    // t-1 and t-2: one transaction holding both keys' locks; "alone" its own.
    expect(txs('t-1')).toEqual(txs('t-2'));
    expect(seen.find((s) => s.id === 't-1')?.locks).toBe(22);
    expect(txs('alone')).toHaveLength(1);
    expect(txs('alone')[0]).not.toBe(txs('t-1')[0]);
    // t-3, t-4 and not-yet ran together until t-4 threw; rolled back (nothing it wrote is left), then one at a time.
    expect(seen.map((s) => s.id)).toEqual(['t-1', 't-2', 'alone', 't-3', 't-4', 't-3', 't-4', 'not-yet']);
    expect(new Set([...txs('t-3'), ...txs('t-4'), ...txs('not-yet')]).size).toBe(4);
    expect(await getIntegrationState(w.tdb.db, 'test', 'ghost')).toBeNull();
    const notYet = await findInboundByExternalId(w.tdb.db, 'test', 'not-yet');
    expect(notYet).toMatchObject({ status: 'failed', error: 'Ack for a message not recorded yet' });
    expect(Date.parse(notYet?.nextAttemptAt as string)).toBeGreaterThan(w.clock.now().getTime());
  });
});

describe('draining the queue', () => {
  it('takes batch after batch with WORKER_INBOUND_LOOPS loops until the queue is empty, and stops on its time budget saying more is waiting', async () => {
    for (let i = 0; i < 130; i += 1) await accept(`d-${i}`);
    const seen = new Set<string>();
    const processors: Record<string, InboundProcessor> = { test: async (e) => (seen.add(e.externalId), { status: 'processed' }) };
    // Budget 0: each loop (four by default) takes one batch and stops, saying more is waiting.
    expect(deps().config.WORKER_INBOUND_LOOPS).toBe(4);
    expect(await drainInbound(deps(), { processors, budgetMs: 0, limit: 20 })).toMatchObject({ claimed: 80, batches: 4, more: true });
    expect(await drainInbound(deps(), { processors, budgetMs: 0, limit: 20, loops: 2 })).toMatchObject({ claimed: 40, batches: 2, more: true });
    const rest = await drainInbound(deps(), { processors, limit: 20 });
    expect(rest).toMatchObject({ claimed: 10, processed: 10, more: false });
    expect(rest.batches).toBe(4);
    expect(seen.size).toBe(130);
    expect(await w.count("SELECT count(*)::int AS n FROM inbound_events WHERE status = 'processed'")).toBe(130);
  });
});

describe('the review queue and status routes', () => {
  it('lists by source and status, retries and dismisses, and refuses what cannot be retried', async () => {
    const processors: Record<string, InboundProcessor> = { whatsapp: async () => ({ status: 'review', reason: 'unmatched message' }) };
    const e = await accept('wa-1', 'whatsapp');
    await processInboundBatch(deps(), { processors });
    const admin = w.as(w.users.admin);
    const list = await admin.get<{ id: string; status: string; error: string }[]>('inbound-events?source=whatsapp&status=review,failed');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id: e.id, status: 'review', error: 'unmatched message', source: 'whatsapp' })]);
    expect((await admin.get<unknown[]>('inbound-events?source=qcontact')).body.data).toEqual([]);
    expect((await admin.get<{ id: string }[]>('inbound-events')).body.data.map((x) => x.id)).toEqual([e.id]);
    expect((await admin.get<unknown[]>('inbound-events?ticketId=00000000-0000-4000-8000-000000000000')).body.data).toEqual([]);
    const retried = await admin.post<{ status: string }>('inbound-events', { id: e.id, action: 'retry' });
    expect(retried.status).toBe(200);
    expect(retried.body.data.status).toBe('received');
    const refused = await admin.post('inbound-events', { id: e.id, action: 'dismiss' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/This event is received/);
    await processInboundBatch(deps(), { processors });
    const dismissed = await admin.post<{ status: string; error: string }>('inbound-events', { id: e.id, action: 'dismiss', note: 'spam' });
    expect(dismissed.body.data).toMatchObject({ status: 'ignored', error: expect.stringMatching(/Dismissed by .*: spam/) });
    const bare = await accept('wa-2', 'whatsapp');
    await processInboundBatch(deps(), { processors });
    expect((await admin.post<{ error: string }>('inbound-events', { id: bare.id, action: 'dismiss' })).body.data.error).toMatch(/^Dismissed by /);
    expect((await admin.post('inbound-events', { id: '00000000-0000-4000-8000-000000000000', action: 'retry' })).status).toBe(404);
    expect((await admin.post('inbound-events', { id: 'nope', action: 'retry' })).status).toBe(400);
    expect((await admin.get('inbound-events?status=bogus')).status).toBe(400);
    expect((await w.as(w.users.technician).get('inbound-events')).status).toBe(403);
  });

  it('reports each channel: configured, last event, backlog, review, outbound counts and recent failures', async () => {
    const processors: Record<string, InboundProcessor> = { whatsapp: async (e) => (e.externalId === 'bad' ? Promise.reject(new Error('boom')) : { status: 'review', reason: 'unmatched' }) };
    await accept('ok', 'whatsapp');
    await accept('bad', 'whatsapp');
    await accept('later', 'whatsapp');
    await processInboundBatch(deps(), { processors, limit: 2 });
    await enqueueOutbox(w.tdb.db, { kind: 'invoice.line', payload: {}, idempotencyKey: 'inv-1', runAt: w.clock.now() });
    await w.tdb.db.query(`INSERT INTO outbox (kind, payload, idempotency_key, status, last_error) VALUES ('invoice.line', '{}', 'inv-dead', 'dead', '503 from invoicing')`);
    const res = await w.as(w.users.admin).get<{ key: string; configured: boolean; inbound: Record<string, unknown>; outbound: Record<string, number>; recentFailures: { inbound: unknown[]; outbox: unknown[] } }[]>('integrations-status');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.data.map((c) => [c.key, c]));
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['whatsapp', 'sms', 'qcontact', 'email', 'invoicing']));
    expect(by.whatsapp).toMatchObject({ configured: false, inbound: { backlog: 2, review: 1, failed: 1, lastReceivedAt: w.clock.now().toISOString() } });
    expect(by.whatsapp.recentFailures.inbound).toEqual([expect.objectContaining({ externalId: 'bad', error: 'boom' })]);
    expect(by.invoicing).toMatchObject({ configured: true, outbound: { pending: 1, dead: 1 } });
    expect(by.invoicing.recentFailures.outbox).toEqual([expect.objectContaining({ lastError: '503 from invoicing' })]);
    expect(by.email.configured).toBe(true);
    const custom = await getIntegrationsStatus({ ...deps(), user: { id: null, name: 'T', role: 'admin' } }, [
      { key: 'x', label: 'X', inboundSources: [], outboxKinds: [], configured: () => true, settings: [], details: async () => ({ cursor: 42 }) },
    ]);
    expect(custom).toEqual([expect.objectContaining({ key: 'x', details: { cursor: 42 }, inbound: expect.objectContaining({ lastReceivedAt: null, backlog: 0 }) })]);
    expect((await w.as(w.users.agent).get('integrations-status')).status).toBe(403);
  });
});

describe('channel state and job leases', () => {
  it('keeps a value per channel and key, overwriting on set', async () => {
    expect(await getIntegrationState(w.tdb.db, 'qcontact', 'cursor')).toBeNull();
    await setIntegrationState(w.tdb.db, 'qcontact', 'cursor', { updatedAt: '2026-11-01T00:00:00Z' }, w.clock.now());
    await setIntegrationState(w.tdb.db, 'qcontact', 'cursor', { updatedAt: '2026-11-02T00:00:00Z' }, w.clock.now());
    expect(await getIntegrationState(w.tdb.db, 'qcontact', 'cursor')).toEqual({ updatedAt: '2026-11-02T00:00:00Z' });
    expect(await listIntegrationState(w.tdb.db, 'qcontact')).toEqual({ cursor: { value: { updatedAt: '2026-11-02T00:00:00Z' }, updatedAt: w.clock.now().toISOString() } });
  });

  it('gives a lease to one owner at a time until it is released or expires', async () => {
    const now = w.clock.now();
    expect(await acquireJobLease(w.tdb.db, 'sync', 'a', 60_000, now)).toBe(true);
    expect(await acquireJobLease(w.tdb.db, 'sync', 'b', 60_000, now)).toBe(false);
    expect(await acquireJobLease(w.tdb.db, 'sync', 'a', 60_000, now)).toBe(true);
    expect(await acquireJobLease(w.tdb.db, 'sync', 'b', 60_000, new Date(now.getTime() + 61_000))).toBe(true);
    await releaseJobLease(w.tdb.db, 'sync', 'a');
    expect(await acquireJobLease(w.tdb.db, 'sync', 'a', 60_000, new Date(now.getTime() + 62_000))).toBe(false);
    await releaseJobLease(w.tdb.db, 'sync', 'b');
    const ran: string[] = [];
    const inner = await withJobLease(w.tdb.db, 'poll', 'x', 60_000, () => now, async () => {
      ran.push('x');
      return withJobLease(w.tdb.db, 'poll', 'y', 60_000, () => now, async () => ran.push('y'));
    });
    expect(inner).toBeNull();
    expect(ran).toEqual(['x']);
    expect(await acquireJobLease(w.tdb.db, 'poll', 'y', 60_000, now)).toBe(true);
    await expect(withJobLease(w.tdb.db, 'boom', 'z', 60_000, () => now, async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await acquireJobLease(w.tdb.db, 'boom', 'q', 60_000, now)).toBe(true);
  });
});
