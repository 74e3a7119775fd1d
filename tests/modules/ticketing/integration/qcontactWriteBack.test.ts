// Writing back to QContact through the outbox, against the emulator: status by the write-value table with
// {fields: {...}} and a read-back, notes as Note or c__update on 403, retries and permanent refusals shown on the
// ticket, no ping-pong, the conflict rule, and the webhook push path.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCases } from '@/emulators/qcontact';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { qcontactWorld, ticketFootprint, WEBHOOK_SECRET, type QcontactWorld } from './qcontactFixture';

// A first sync of many cases on a busy shared machine can take minutes; these limits only catch a hang.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let w: QcontactWorld;
beforeAll(async () => {
  w = await qcontactWorld({ cases: 30 });
  await w.sync();
}, 180_000);
afterAll(async () => w?.close());

const caseWithStatus = (label: string) => [...w.emu.cases.values()].find((c) => c.fields.status === label && w.ours().includes(c.id))!;
const uidOf = (c: { label: string }) => c.label.match(/FT\d+/)![0];
const ticket = async (uid: string) => (await w.as(w.users.agent).get<{ id: string; status: string; version: number }>(`tickets-detail?id=${uid}`)).body.data;
const qstate = async (uid: string) => (await w.as(w.users.agent).get<{ linked: boolean; pending: number; link: { statusLabel: string; syncedStatus: string }; writes: { id: string; status: string; lastError: string | null; kind: string }[] }>(`tickets-qcontact?id=${uid}`)).body.data;

describe('status write-back', () => {
  it('writes the status under fields with the write value, reads it back, and the next sync does not bounce it', async () => {
    const c = caseWithStatus('New');
    const uid = uidOf(c);
    const agent = w.as(w.users.agent);
    const { version } = (await agent.get<{ version: number }>(`tickets-detail?id=${uid}`)).body.data;
    expect((await agent.post('tickets-assign', { id: uid, assignedTo: w.users.technician.id, version })).status).toBe(200);
    expect((await agent.post('tickets-status', { id: uid, status: 'in_progress' })).status).toBe(200);
    expect((await qstate(uid)).pending).toBe(2);
    const patches = w.emu.patches.length;
    const r = await w.runOutbox();
    expect(r).toMatchObject({ sent: 2, dead: 0 });
    // The assigned write is superseded (the ticket moved on); the in-progress one is written and confirmed.
    const mine = w.emu.patches.slice(patches);
    expect(mine).toEqual([{ caseId: c.id, body: { fields: { status: 'InProgress' } } }]);
    expect(c.fields.status).toBe('In Progress');
    const after = w.emu.requests.filter((q) => q.path === `/api/v2/entities/Case/${c.id}`).map((q) => q.method);
    expect(after.slice(-3)).toEqual(['GET', 'PATCH', 'GET']);
    const state = await qstate(uid);
    expect(state).toMatchObject({ pending: 0, link: { statusLabel: 'In Progress', syncedStatus: 'in_progress' } });
    const before = await ticketFootprint(w);
    const run = await w.sync();
    expect(run).toMatchObject({ ok: true, updated: 0, created: 0 });
    expect(await ticketFootprint(w)).toEqual(before);
    expect(await w.runOutbox()).toMatchObject({ processed: 0 });
  });

  it('is a trap to put values at the top level of the body: QContact answers 200 and changes nothing', async () => {
    const c = caseWithStatus('Assigned');
    const signIn = await fetch(`${w.emu.url}/api/v2/auth/sign_in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: w.emu.email, password: w.emu.password }) });
    const h = { 'access-token': signIn.headers.get('access-token')!, client: signIn.headers.get('client')!, uid: signIn.headers.get('uid')!, 'content-type': 'application/json' };
    const res = await fetch(`${w.emu.url}/api/v2/entities/Case/${c.id}`, { method: 'PATCH', headers: h, body: JSON.stringify({ status: 'Solved' }) });
    expect(res.status).toBe(200);
    expect(c.fields.status).toBe('Assigned');
    // Our client never does that: every write-back body carries the values under fields.
    expect(w.emu.patches.filter((p) => p.caseId !== c.id).every((p) => Object.keys(p.body as object).join() === 'fields')).toBe(true);
  });

  it('retries a 500 with backoff, and shows a 4xx refusal on the ticket until retried after the mapping is fixed', async () => {
    const c = caseWithStatus('Assigned');
    const uid = uidOf(c);
    const agent = w.as(w.users.agent);
    await agent.post('tickets-status', { id: uid, status: 'in_progress' });
    w.emu.failNext(3);
    expect(await w.runOutbox()).toMatchObject({ failed: 1 });
    w.clock.advanceMinutes(5);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(c.fields.status).toBe('In Progress');

    const admin = w.as(w.users.admin);
    const maps = (await admin.get<{ categories: unknown[]; inbound: Record<string, string>; outbound: Record<string, string | null> }>('qcontact-mappings')).body.data;
    expect(maps.outbound.blocked).toBe('Pending Company Response');
    expect((await admin.put('qcontact-mappings', { ...maps, outbound: { ...maps.outbound, blocked: 'OnHold' } })).status).toBe(200);
    expect((await w.as(w.users.manager).put('qcontact-mappings', maps)).status).toBe(403);
    expect((await admin.put('qcontact-mappings', { ...maps, inbound: { ...maps.inbound, New: 'nonsense' } })).status).toBe(400);
    expect((await agent.post('tickets-status', { id: uid, status: 'blocked', pauseReason: 'waiting_customer' })).status).toBe(200);
    expect(await w.runOutbox()).toMatchObject({ dead: 1 });
    const dead = (await qstate(uid)).writes.find((x) => x.status === 'dead')!;
    expect(dead.lastError).toMatch(/422/);
    expect((await admin.put('qcontact-mappings', maps)).status).toBe(200);
    expect((await agent.post(`tickets-qcontact?id=${uid}`, { outboxId: dead.id })).status).toBe(200);
    expect((await agent.post(`tickets-qcontact?id=${uid}`, { outboxId: dead.id })).status).toBe(409);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(c.fields.status).toBe('Pending Company Response');
  });
});

describe('note write-back', () => {
  it('falls back to c__update when Note is refused with 403, and the note never comes back as a new note', async () => {
    const c = caseWithStatus('Solved');
    const uid = uidOf(c);
    const agent = w.as(w.users.agent);
    expect((await agent.post(`tickets-notes?id=${uid}`, { noteType: 'external', body: 'Technician on site tomorrow 09:00' })).status).toBe(201);
    expect((await agent.post(`tickets-notes?id=${uid}`, { noteType: 'internal', body: 'Not for QContact' })).status).toBe(201);
    const r = await w.runOutbox();
    expect(r).toMatchObject({ sent: 1 });
    expect(w.emu.requests.some((q) => q.path === '/api/v2/entities/Note' && q.status === 403)).toBe(true);
    expect(c.fields.c__update).toBe(`${w.users.agent.name}: Technician on site tomorrow 09:00`);
    w.emu.setNotePermission(true);
    await agent.post(`tickets-notes?id=${uid}`, { noteType: 'external', body: 'Parts ordered' });
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(w.emu.notes.at(-1)).toMatchObject({ caseId: c.id, subtitle: `${w.users.agent.name}: Parts ordered` });
    w.emu.setNotePermission(false);
    const notes = await w.count(`SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1`, [uid]);
    await w.sync();
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1`, [uid])).toBe(notes);
    expect(await w.runOutbox()).toMatchObject({ processed: 0 });
  });
});

describe('the conflict rule', () => {
  it('keeps QContact status when both sides changed it since the last sync, and notes the conflict (sync first)', async () => {
    const c = caseWithStatus('In Progress');
    const uid = uidOf(c);
    expect((await w.as(w.users.agent).post('tickets-status', { id: uid, status: 'blocked', pauseReason: 'waiting_customer' })).status).toBe(200);
    w.emu.changeCase(c.id, { status: 'Solved' });
    await w.sync();
    expect((await ticket(uid)).status).toBe('resolved');
    const note = await w.count(`SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.note_type = 'system' AND n.body LIKE 'Status conflict%'`, [uid]);
    expect(note).toBe(1);
    const patches = w.emu.patches.length;
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(w.emu.patches.length).toBe(patches);
    expect(c.fields.status).toBe('Solved');
  });

  it('keeps QContact status when the write-back finds QContact changed first (write before sync)', async () => {
    const c = caseWithStatus('Escalated');
    const uid = uidOf(c);
    expect((await w.as(w.users.agent).post('tickets-status', { id: uid, status: 'blocked', pauseReason: 'waiting_customer' })).status).toBe(200);
    w.emu.changeCase(c.id, { status: 'Unsolved - No Response' });
    const patches = w.emu.patches.length;
    const r = await w.runOutbox();
    expect(r).toMatchObject({ sent: 1 });
    expect(w.emu.patches.length).toBe(patches);
    expect((await ticket(uid)).status).toBe('cancelled');
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.ticket_uid = $1 AND h.action = 'qcontact_conflict'`, [uid])).toBe(1);
  });
});

describe('the webhook', () => {
  it('needs the shared secret, stores first, counts a duplicate once, and applies the case like the sync', async () => {
    const [fresh] = makeCases({ count: 1, seed: 11, firstCaseId: 33_000_000_000, firstNumber: 882_000, otherShare: 0, drNumbers: w.drNumbers });
    w.emu.addCase(fresh);
    const push = (secret: string, body: unknown) => fetch(`${w.server.url}/tickets-webhook-qcontact`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qcontact-secret': secret }, body: JSON.stringify(body) });
    const listShape = { id: fresh.id, label: fresh.label, status: fresh.fields.status, updated_at: fresh.updated_at };
    expect((await push('wrong-secret-wrong-secret', listShape)).status).toBe(401);
    expect((await push(WEBHOOK_SECRET, { hello: 'world' })).status).toBe(400);
    const first = await push(WEBHOOK_SECRET, listShape);
    expect(first.status).toBe(202);
    const again = await push(WEBHOOK_SECRET, listShape);
    expect(((await again.json()) as { data: { duplicate: boolean } }).data.duplicate).toBe(true);
    expect(await w.count(`SELECT count(*)::int AS n FROM inbound_events WHERE source = 'qcontact' AND event_type = 'case.webhook'`)).toBe(1);
    expect(await processInboundBatch(w.deps(), { sources: ['qcontact'] })).toMatchObject({ processed: 1 });
    expect((await ticket('FT882000')).status).toBeDefined();
    const junk = { id: 123, label: 'no ref', fields: { status: 'New' }, created_at: 'yesterday', updated_at: 'x' };
    expect((await push(WEBHOOK_SECRET, junk)).status).toBe(202);
    expect(await processInboundBatch(w.deps(), { sources: ['qcontact'] })).toMatchObject({ review: 1 });
  });
});
