// Mass incidents over HTTP: children pause their SLA under the parent; the parent's status and external notes fan
// out to children and, exactly once per chat or address, to customers through the outbox; resolving resolves all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
let projectId: string;
const clock = new ManualClock('2026-11-25T08:30:00Z');
const api = () => client(server.url, { token: agent.token });
const count = async (sql: string, p: unknown[] = []) => Number((await tdb.db.query<{ n: number }>(sql, p)).rows[0].n);

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock, env: { SMTP_HOST: '127.0.0.1', WAHA_URL: 'http://127.0.0.1:9' } });
  projectId = (await makeProject(tdb.db, { name: 'Lawley' })).id;
  agent = await makeUser(tdb.db, { role: 'agent' });
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

async function ticket(body: Record<string, unknown>) {
  const dr = (await makeDrop(tdb.db, { projectId, installDate: '2026-11-20' })).drNumber;
  const res = await api().post<{ id: string; ticketUid: string; status: string }>('tickets', { source: 'whatsapp', title: 'No light', drNumber: dr, ...body });
  expect(res.status).toBe(201);
  return res.body.data;
}

describe('mass incidents', () => {
  it('links children, pauses their SLA with the incident as reason, fans out notes and status once per address, and resolves them', async () => {
    const parent = await ticket({ source: 'internal', title: 'Feeder cable cut at LAW.P.B167' });
    const a = await ticket({ reporterPhone: '082 111 2222' });
    const b = await ticket({ reporterPhone: '+27 82 111 2222' });
    const c = await ticket({ reporterEmail: 'Jane@Example.com', reporterPhone: null });
    const d = await ticket({});
    const link = await api().post<{ linked: string[] }>('tickets-incident', { parentId: parent.ticketUid, childIds: [a.id, b.id, c.id, d.id, a.id] });
    expect(link.status).toBe(200);
    expect(link.body.data.linked).toEqual([a.ticketUid, b.ticketUid, c.ticketUid, d.ticketUid]);
    expect(await count("SELECT count(*)::int AS n FROM sla_pauses WHERE ticket_id = ANY($1) AND ended_at IS NULL AND note = $2", [[a.id, b.id, c.id, d.id], `Part of mass incident ${parent.ticketUid}`])).toBe(4);
    expect((await api().get<{ slaPaused: boolean }>(`tickets-detail?id=${a.id}`)).body.data.slaPaused).toBe(true);

    expect((await api().post(`tickets-notes?id=${parent.id}`, { noteType: 'external', body: 'Crews are on site.' })).status).toBe(201);
    // a and b share one WhatsApp chat: one message for both; c by email; d has no contact.
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%:note:%'")).toBe(2);
    const wa = (await tdb.db.query<{ payload: { chatId: string; text: string } }>("SELECT payload FROM outbox WHERE kind = 'notification.whatsapp' AND idempotency_key LIKE 'incident:%'")).rows;
    expect(wa).toHaveLength(1);
    expect(wa[0].payload.chatId).toBe('27821112222@c.us');
    expect(wa[0].payload.text).toContain(`your tickets ${a.ticketUid}, ${b.ticketUid}`);
    expect(await count("SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1 AND note_type = 'external' AND body LIKE '[Incident%'", [a.id])).toBe(1);

    await api().post('tickets-status', { id: parent.id, status: 'triaged' });
    await api().post('tickets-status', { id: parent.id, status: 'assigned' }).catch(() => undefined);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%:status:%'")).toBe(2);

    // Resolve the parent through its workflow.
    const admin = await makeUser(tdb.db, { role: 'admin' });
    const asAdmin = client(server.url, { token: admin.token });
    const { version } = (await asAdmin.get<{ version: number }>(`tickets-detail?id=${parent.id}`)).body.data;
    expect((await asAdmin.post('tickets-assign', { id: parent.id, assignedTo: admin.id, version })).status).toBe(200);
    await asAdmin.post('tickets-status', { id: parent.id, status: 'in_progress' });
    const resolved = await asAdmin.post('tickets-status', { id: parent.id, status: 'resolved', resolutionNotes: 'Cable spliced' });
    expect(resolved.status).toBe(200);
    for (const t of [a, b, c, d]) {
      const child = (await api().get<{ status: string; resolutionNotes: string; slaPaused: boolean }>(`tickets-detail?id=${t.id}`)).body.data;
      expect(child).toMatchObject({ status: 'resolved', resolutionNotes: `Resolved with mass incident ${parent.ticketUid}`, slaPaused: false });
    }
    expect(await count('SELECT count(*)::int AS n FROM sla_pauses WHERE ticket_id = ANY($1) AND ended_at IS NULL', [[a.id, b.id, c.id, d.id]])).toBe(0);
    const resolvedMessages = await count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%' AND payload->>'text' LIKE '%has been repaired%'");
    expect(resolvedMessages).toBe(2);
    // Nothing is sent twice: the same note fanned out again enqueues nothing new.
    const before = await count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%'");
    await api().post(`tickets-notes?id=${parent.id}`, { noteType: 'internal', body: 'Internal only' });
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%'")).toBe(before);
  });

  it('refuses nonsense links with a clear 4xx', async () => {
    const p = await ticket({ source: 'internal', title: 'Outage' });
    const x = await ticket({});
    expect((await api().post('tickets-incident', { parentId: p.id, childIds: [p.id] })).status).toBe(422);
    await api().post('tickets-incident', { parentId: p.id, childIds: [x.id] });
    expect((await api().post('tickets-incident', { parentId: x.id, childIds: [p.id] })).status).toBe(422);
    const q = await ticket({ source: 'internal', title: 'Other outage' });
    expect((await api().post('tickets-incident', { parentId: q.id, childIds: [x.id] })).status).toBe(409);
    expect((await api().post('tickets-incident', { parentId: q.id, childIds: [p.id] })).status).toBe(422);
    expect((await api().post('tickets-incident', { parentId: q.id, childIds: [] })).status).toBe(400);
    await api().post('tickets-status', { id: q.id, status: 'cancelled', reason: 'Duplicate' });
    expect((await api().post('tickets-incident', { parentId: q.id, childIds: [x.id] })).status).toBe(409);
  });
});
