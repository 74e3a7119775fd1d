// QContact while it is not configured: the page says so, "sync now" refuses, the schedule and the webhook stay
// quiet, write-backs wait (retried, not dead), and stored cases are applied as far as they can be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import { runScheduledQcontactSync, syncQcontact } from '@/src/modules/ticketing/jobs/qcontactSync';
import { qcontactClientFromConfig } from '@/src/modules/ticketing/integrations/qcontact/qcontactConfig';
import { acceptInbound } from '@/src/modules/ticketing/services/inboundService';
import { makeCases } from '@/emulators/qcontact';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

let tdb: TestDb;
let server: TestServer;
let admin: TestUser;
const clock = new ManualClock('2026-11-25T08:00:00Z');
const log = moduleLogger('test').child({}, { level: 'silent' });
const deps = () => ({ db: tdb.db, clock, log, config: server.config });

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  admin = await makeUser(tdb.db, { role: 'admin' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('QContact not configured', () => {
  it('shows not configured, refuses "sync now" with 422, and the schedule and sync skip', async () => {
    const api = client(server.url, { token: admin.token });
    const status = await api.get<{ key: string; configured: boolean; details: { nextRunAt: string | null; lastSuccessAt: string | null; deadWrites: unknown[] } }[]>('integrations-status');
    expect(status.body.data.find((c) => c.key === 'qcontact')).toMatchObject({ configured: false, details: { nextRunAt: null, lastSuccessAt: null, deadWrites: [] } });
    const r = await api.post('qcontact-sync', {});
    expect(r.status).toBe(422);
    expect(r.body.error?.message).toMatch(/QCONTACT_URL/);
    expect(qcontactClientFromConfig(server.config)).toBeNull();
    expect(await runScheduledQcontactSync(deps())).toEqual({ skipped: 'QContact is not configured' });
    expect(await syncQcontact(deps(), { trigger: 'test' })).toEqual({ skipped: 'QContact is not configured' });
  });

  it('refuses every webhook while no shared secret is configured', async () => {
    const res = await fetch(`${server.url}/tickets-webhook-qcontact`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qcontact-secret': 'anything-at-all-here' }, body: '{"id": 1}' });
    expect(res.status).toBe(401);
    expect(await tdb.db.query('SELECT 1 FROM inbound_events')).toMatchObject({ rows: [] });
  });

  it('keeps write-backs waiting (retried) and sends a broken payload to dead', async () => {
    await enqueueOutbox(tdb.db, { kind: 'qcontact.status', payload: { ticketId: '00000000-0000-4000-8000-000000000001', caseId: '1', status: 'new' }, idempotencyKey: 'qc-1', runAt: clock.now() });
    await enqueueOutbox(tdb.db, { kind: 'qcontact.note', payload: { ticketId: '00000000-0000-4000-8000-000000000001', caseId: '1', noteId: 'n', body: 'b', author: 'a' }, idempotencyKey: 'qc-2', runAt: clock.now() });
    await enqueueOutbox(tdb.db, { kind: 'qcontact.status', payload: { nonsense: true }, idempotencyKey: 'qc-3', runAt: clock.now() });
    expect(await processOutboxBatch(deps(), { random: () => 0 })).toMatchObject({ failed: 2, dead: 1 });
    const rows = await tdb.db.query<{ idempotency_key: string; status: string; last_error: string }>('SELECT idempotency_key, status, last_error FROM outbox ORDER BY idempotency_key');
    expect(rows.rows.map((r) => [r.status, r.last_error])).toEqual([
      ['failed', expect.stringMatching(/not configured/)], ['failed', expect.stringMatching(/not configured/)], ['dead', expect.stringMatching(/Invalid QContact payload: ticketId, caseId, status/)],
    ]);
  });

  it('applies a stored case in detail shape without its timeline, waits with one in list shape, and reviews one without an id', async () => {
    const [c] = makeCases({ count: 1, seed: 3, firstCaseId: 40_000_000_000, firstNumber: 770_000, otherShare: 0 });
    const detail = { id: c.id, label: c.label, created_at: c.created_at, updated_at: c.updated_at, fields: c.fields, relationships: { contact: { id: 1, label: c.contact.label } } };
    const ctx = { db: tdb.db, clock, log };
    await acceptInbound(ctx, { source: 'qcontact', externalId: 'detail', payload: detail });
    await acceptInbound(ctx, { source: 'qcontact', externalId: 'list', payload: { case: { id: String(c.id + 7), label: ' FT770001' } } });
    await acceptInbound(ctx, { source: 'qcontact', externalId: 'no-id', payload: { case: { id: 'abc' } } });
    await acceptInbound(ctx, { source: 'qcontact', externalId: 'null', payload: null });
    expect(await processInboundBatch(deps(), { sources: ['qcontact'], random: () => 0 })).toMatchObject({ processed: 1, failed: 1, review: 2 });
    const t = await tdb.db.query<{ ticket_uid: string; reporter_name: string }>(`SELECT ticket_uid, reporter_name FROM tickets WHERE source = 'qcontact'`);
    expect(t.rows).toEqual([{ ticket_uid: 'FT770000', reporter_name: c.contact.label }]);
  });
});
