// QContact edges against the emulator: adopting a ticket typed in by an agent, the schedule and the lease, drops that
// change, a case that cannot be fetched, writes QContact shows late, notes that fail, tickets that are not linked,
// deleted or cancelled, and the webhook's shapes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acquireJobLease, getIntegrationState, releaseJobLease, withJobLease } from '@/src/modules/ticketing/db/integrationStateRepo';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { createQcontactClient } from '@/src/modules/ticketing/integrations/qcontact/qcontactClient';
import { QCONTACT_SYNC_JOB, runScheduledQcontactSync, syncQcontact } from '@/src/modules/ticketing/jobs/qcontactSync';
import { upsertCase } from '@/src/modules/ticketing/services/qcontact/caseUpsert';
import { makeCases } from '@/emulators/qcontact';
import { qcontactWorld, WEBHOOK_SECRET, type QcontactWorld } from './qcontactFixture';

// A first sync of many cases on a busy shared machine can take minutes; these limits only catch a hang.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let w: QcontactWorld;
let adoptedUid = '';
beforeAll(async () => {
  w = await qcontactWorld({ cases: 16 });
  const first = w.emu.cases.get(w.ours()[0])!;
  adoptedUid = first.label.match(/FT\d+/)![0];
  const typed = await w.as(w.users.agent).post<{ ticketUid: string }>('tickets', { source: 'qcontact', qcontactRef: adoptedUid, title: 'Typed in by an agent', ticketType: 'fault', priority: 'low' });
  expect(typed.status).toBe(201);
}, 180_000);
afterAll(async () => w?.close());

const uidOf = (id: number) => w.emu.cases.get(id)!.label.match(/FT\d+/)![0];
const row = async (uid: string) => (await w.tdb.db.query<{ id: string; status: string; dr_number: string | null; drop_id: string | null; project_id: string | null; address: string | null; priority: string; reporter_name: string }>(
  'SELECT id, status, dr_number, drop_id, project_id, address, priority, reporter_name FROM tickets WHERE ticket_uid = $1', [uid])).rows[0];
const outboxOf = async (uid: string) => (await w.tdb.db.query<{ kind: string; status: string; last_error: string | null; response: unknown }>(
  `SELECT o.kind, o.status, o.last_error, o.response FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_uid = $1 ORDER BY o.created_at`, [uid])).rows;
const later = async () => {
  w.clock.advanceMinutes(10);
};

describe('the schedule', () => {
  it('runs when due, adopts the ticket an agent opened with the FT number, and skips until the next run', async () => {
    const first = await runScheduledQcontactSync(w.deps());
    expect(first).toMatchObject({ trigger: 'schedule', ok: true });
    expect(await w.count('SELECT count(*)::int AS n FROM tickets WHERE ticket_uid = $1', [adoptedUid])).toBe(1);
    const c = w.emu.cases.get(w.ours()[0])!;
    expect(await row(adoptedUid)).toMatchObject({ reporter_name: c.contact.label, dr_number: c.dr!.label });
    expect(await w.count('SELECT count(*)::int AS n FROM qcontact_cases WHERE case_id = $1', [String(c.id)])).toBe(1);
    expect(await runScheduledQcontactSync(w.deps())).toEqual({ skipped: 'not due' });
    w.clock.advanceMinutes(5);
    expect(await runScheduledQcontactSync(w.deps())).toMatchObject({ trigger: 'schedule', created: 0 });
  });

  it('refuses "sync now" while another process holds the lease', async () => {
    expect(await acquireJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'another-process', 60_000, w.clock.now())).toBe(true);
    const r = await w.as(w.users.admin).post('qcontact-sync', {});
    expect(r.status).toBe(409);
    expect(r.body.error?.message).toMatch(/another sync is running/);
    await releaseJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'another-process');
  });

  it('renews its lease page by page during a long sync, and stops when another process took an expired one', async () => {
    const expiresAt = async () => (await w.tdb.db.query<{ expires_at: Date; owner: string }>('SELECT expires_at, owner FROM job_leases WHERE name = $1', [QCONTACT_SYNC_JOB])).rows[0];
    const long = await withJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'this-process', 60_000, () => w.clock.now(), async (lease) => {
      w.clock.advanceMinutes(5); // the sync has run for five minutes: past the one-minute lease, nobody took it
      const run = await syncQcontact(w.deps(), { trigger: 'test', full: true, lease });
      expect(run).toMatchObject({ ok: true });
      const held = await expiresAt();
      expect(held.owner).toBe('this-process');
      expect(held.expires_at.getTime()).toBeGreaterThan(w.clock.now().getTime());
      return run;
    });
    expect(long).not.toBeNull();
    const stolen = await withJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'stalled-process', 60_000, () => w.clock.now(), async (lease) => {
      w.clock.advanceMinutes(2);
      expect(await acquireJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'another-process', 60_000, w.clock.now())).toBe(true);
      return syncQcontact(w.deps(), { trigger: 'test', full: true, lease });
    });
    expect(stolen).toMatchObject({ ok: false, error: expect.stringMatching(/lease expired and another process took it over/) });
    expect((await expiresAt()).owner).toBe('another-process');
    await releaseJobLease(w.tdb.db, QCONTACT_SYNC_JOB, 'another-process');
  });
});

describe('case changes', () => {
  it('moves the ticket to a known drop, keeps the project for an unknown one, and fills a missing address from the drop', async () => {
    const [a, b] = w.ours().slice(1, 3);
    w.emu.changeCase(a, { dr: w.drNumbers[5] });
    w.emu.changeCase(b, { dr: 'DR9999999' });
    const [fresh] = makeCases({ count: 1, seed: 5, firstCaseId: 41_000_000_000, firstNumber: 771_000, otherShare: 0, drNumbers: [w.drNumbers[0]] });
    fresh.fields.address = null;
    fresh.updated_at = new Date().toISOString();
    w.emu.addCase(fresh);
    const before = await row(uidOf(b));
    expect(await w.sync()).toMatchObject({ ok: true, updated: 2, created: 1 });
    expect(await row(uidOf(a))).toMatchObject({ dr_number: w.drNumbers[5], drop_id: expect.any(String) });
    expect(await row(uidOf(b))).toMatchObject({ dr_number: 'DR9999999', drop_id: null, project_id: before.project_id });
    expect(await row('FT771000')).toMatchObject({ address: '12 Test Street, Lawley' });
  });

  it('takes new timeline events of a case it already has, once', async () => {
    const id = w.ours()[3];
    const api = createQcontactClient({ baseUrl: w.emu.url, email: w.emu.email, password: w.emu.password });
    const detail = await api.getCase(id);
    const events = [...(await api.getEvents(id)), { id: 'pushed-1', public_note: true, content: 'Pushed by an automation', created_at: new Date().toISOString() }];
    expect(await upsertCase(w.deps(), detail, events)).toMatchObject({ outcome: 'updated', notesAdded: 1 });
    expect(await upsertCase(w.deps(), detail, events)).toMatchObject({ outcome: 'unchanged', notesAdded: 0 });
  });

  it('counts a case it cannot fetch as failed, keeps the cursor, and catches up next time', async () => {
    const id = w.ours()[4];
    w.emu.changeCase(id, { note: 'Fetched late' });
    const cursor = await getIntegrationState(w.tdb.db, 'qcontact', 'cursor');
    w.emu.failNext(3, 500, /^\/api\/v2\/entities\/Case\/\d+$/);
    expect(await w.sync()).toMatchObject({ ok: true, failed: 1, updated: 0 });
    expect(await getIntegrationState(w.tdb.db, 'qcontact', 'cursor')).toEqual(cursor);
    expect(await w.sync()).toMatchObject({ ok: true, failed: 0, updated: 1 });
    w.emu.changeCase(id, { note: 'Gone' });
    w.emu.failNext(1, 404, /^\/api\/v2\/entities\/Case\/\d+$/);
    expect(await w.sync()).toMatchObject({ ok: true, failed: 1 });
  });
});

describe('write-back edges', () => {
  it('retries a status QContact shows late, then confirms it without writing twice', async () => {
    const id = w.ours()[5];
    const uid = uidOf(id);
    w.emu.changeCase(id, { status: 'In Progress' });
    await w.sync();
    expect(await row(uid)).toMatchObject({ status: 'in_progress' });
    w.emu.lagWrites(3000);
    expect((await w.as(w.users.agent).post('tickets-status', { id: uid, status: 'blocked', pauseReason: 'parts' })).status).toBe(200);
    await w.runOutbox();
    w.emu.lagWrites(0);
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/still shows status/) });
    await new Promise((res) => setTimeout(res, 3200));
    await later();
    const patches = w.emu.patches.length;
    await w.runOutbox();
    expect(w.emu.patches.length).toBe(patches);
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'sent', response: { alreadySet: 'Pending Company Response' } });
  });

  it('does not write back a cancelled status, and skips a write for a deleted ticket', async () => {
    const [a, b] = w.ours().slice(6, 8);
    for (const id of [a, b]) w.emu.changeCase(id, { status: 'New' });
    await w.sync();
    const agent = w.as(w.users.agent);
    expect((await agent.post('tickets-status', { id: uidOf(a), status: 'cancelled', reason: 'Duplicate of another case' })).status).toBe(200);
    expect((await agent.post('tickets-status', { id: uidOf(b), status: 'triaged' })).status).toBe(200);
    expect((await w.as(w.users.admin).del(`tickets-detail?id=${uidOf(b)}`)).status).toBe(200);
    await w.runOutbox();
    expect((await outboxOf(uidOf(a))).at(-1)).toMatchObject({ status: 'sent', response: { skipped: 'no QContact write value for status cancelled' } });
    const deleted = await w.tdb.db.query<{ status: string; response: unknown }>(`SELECT o.status, o.response FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_uid = $1`, [uidOf(b)]);
    expect(deleted.rows).toEqual([{ status: 'sent', response: { skipped: 'the ticket no longer exists' } }]);
  });

  it('confirms without writing when QContact already shows our status (ours moved away and back)', async () => {
    const id = w.ours()[10];
    const uid = uidOf(id);
    w.emu.changeCase(id, { status: 'In Progress' });
    await w.sync();
    const agent = w.as(w.users.agent);
    await agent.post('tickets-status', { id: uid, status: 'blocked', pauseReason: 'parts' });
    await agent.post('tickets-status', { id: uid, status: 'in_progress' });
    const patches = w.emu.patches.length;
    await w.runOutbox();
    expect(w.emu.patches.length).toBe(patches);
    const items = await outboxOf(uid);
    expect(items.map((i) => i.response)).toEqual([{ skipped: 'superseded: the ticket is now in_progress' }, { alreadySet: 'InProgress' }]);
    const before = await w.count('SELECT count(*)::int AS n FROM ticket_history');
    expect(await w.sync()).toMatchObject({ updated: 0 });
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_history')).toBe(before);
  });

  it('retries a note when Note answers 500, and one whose c__update shows late', async () => {
    const uid = uidOf(w.ours()[8]);
    const agent = w.as(w.users.agent);
    w.emu.setNotePermission(true);
    w.emu.failNext(1, 500, /\/Note$/);
    await agent.post(`tickets-notes?id=${uid}`, { noteType: 'external', body: 'First try fails' });
    await w.runOutbox();
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/500/) });
    await later();
    await w.runOutbox();
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'sent', response: { via: 'note' } });
    w.emu.setNotePermission(false);
    w.emu.lagWrites(3000);
    await agent.post(`tickets-notes?id=${uid}`, { noteType: 'external', body: 'Shown late' });
    await w.runOutbox();
    w.emu.lagWrites(0);
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/does not show the note/) });
    await new Promise((res) => setTimeout(res, 3200));
    await later();
    await w.runOutbox();
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'sent', response: { via: 'c__update' } });
  });

  it('leaves a case changed elsewhere for the next sync to pick up after our write', async () => {
    const id = w.ours()[9];
    const uid = uidOf(id);
    w.emu.changeCase(id, { status: 'New' });
    await w.sync();
    w.emu.changeCase(id, { note: 'Call centre note before our write' });
    expect((await w.as(w.users.agent).post('tickets-status', { id: uid, status: 'triaged' })).status).toBe(200);
    await w.runOutbox();
    expect((await outboxOf(uid)).at(-1)).toMatchObject({ status: 'sent', response: { written: 'Open', confirmed: 'Open' } });
    expect(await w.sync()).toMatchObject({ ok: true, updated: 1 });
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.body = 'Call centre note before our write'`, [uid])).toBe(1);
    expect(await row(uid)).toMatchObject({ status: 'triaged' });
    expect(await w.count(`SELECT count(*)::int AS n FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_uid = $1 AND o.status <> 'sent'`, [uid])).toBe(0);
  });

  it('queues nothing for tickets that are not linked, sends a forged item to dead, and lists dead writes on the page', async () => {
    const agent = w.as(w.users.agent);
    const internal = await agent.post<{ id: string; ticketUid: string }>('tickets', { source: 'internal', title: 'Our own', ticketType: 'fault', priority: 'low', drNumber: w.drNumbers[0] });
    const { id, ticketUid } = internal.body.data;
    await agent.post('tickets-status', { id: ticketUid, status: 'triaged' });
    await agent.post(`tickets-notes?id=${ticketUid}`, { noteType: 'external', body: 'Not for QContact' });
    expect(await outboxOf(ticketUid)).toEqual([]);
    expect((await agent.get<{ linked: boolean }>(`tickets-qcontact?id=${ticketUid}`)).body.data).toMatchObject({ linked: false });
    expect((await agent.post(`tickets-qcontact?id=${ticketUid}`, { outboxId: '00000000-0000-4000-8000-000000000009' })).status).toBe(404);
    const current = (await row(ticketUid)).status;
    await enqueueOutbox(w.tdb.db, { kind: 'qcontact.status', payload: { ticketId: id, caseId: '1', status: current }, idempotencyKey: 'forged', ticketId: id, runAt: w.clock.now() });
    expect(await w.runOutbox()).toMatchObject({ dead: 1 });
    const status = await w.as(w.users.admin).get<{ key: string; details: { deadWrites: { ticketUid: string; lastError: string }[] } }[]>('integrations-status');
    const dead = status.body.data.find((c) => c.key === 'qcontact')!.details.deadWrites;
    expect(dead).toEqual([expect.objectContaining({ ticketUid, lastError: expect.stringMatching(/not linked/) })]);
  });
});

describe('the webhook shapes', () => {
  const push = (body: string, secret: string | null = WEBHOOK_SECRET) =>
    fetch(`${w.server.url}/tickets-webhook-qcontact`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-qcontact-secret': secret } : {}) }, body });

  it('refuses no secret and bad JSON; keys a wrapped case by its updated_at and a bare one without it by its hash', async () => {
    expect((await push('{"id": 1}', null)).status).toBe(401);
    expect((await push('{not json')).status).toBe(400);
    const wrapped = await push(JSON.stringify({ case: { id: 5, label: ' FT1', updated_at: '2026-11-25T10:00:00Z' }, events: [] }));
    expect(((await wrapped.json()) as { data: { externalId: string } }).data.externalId).toBe('5:2026-11-25T10:00:00Z');
    const bare = await push(JSON.stringify({ id: '6', label: ' FT2' }));
    expect(((await bare.json()) as { data: { externalId: string } }).data.externalId).toMatch(/^6:sha256:[0-9a-f]{32}$/);
  });
});
