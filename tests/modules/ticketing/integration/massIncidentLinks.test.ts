// Managing a mass incident's membership over HTTP: the incident view (parent, children, tickets nearby that could
// join), linking with a clear 4xx for nonsense, and unlinking a child, which ends its SLA pause for the incident.
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

interface Member { id: string; ticketUid: string; status: string; drNumber: string | null; version: number }
interface View { ticket: { ticketUid: string; version: number }; role: string; parent: Member | null; children: Member[]; candidates: (Member & { sharedOn: string })[] }

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  projectId = (await makeProject(tdb.db, { name: 'Lawley' })).id;
  agent = await makeUser(tdb.db, { role: 'agent' });
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

async function ticket(where: { pole: string | null; pon?: string; zone?: string }, body: Record<string, unknown> = {}) {
  const drop = await makeDrop(tdb.db, { projectId, installDate: '2026-11-20' });
  await tdb.db.query('UPDATE drops SET pole_number = $2, pon = $3, zone = $4 WHERE id = $1', [drop.id, where.pole, where.pon ?? null, where.zone ?? null]);
  const res = await api().post<{ id: string; ticketUid: string; version: number }>('tickets', { source: 'whatsapp', title: 'No light', drNumber: drop.drNumber, ...body });
  expect(res.status).toBe(201);
  return { ...res.body.data, drNumber: drop.drNumber };
}
const view = async (id: string) => {
  const res = await api().get<View>(`tickets-incident?id=${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  return res.body.data;
};
const openPauses = async (id: string) =>
  (await tdb.db.query<{ note: string | null }>('SELECT note FROM sla_pauses WHERE ticket_id = $1 AND ended_at IS NULL', [id])).rows;

describe('the incident view', () => {
  it('offers open tickets on the same pole, PON or zone (nearest first), then shows the children once linked', async () => {
    const parent = await ticket({ pole: 'P-1', pon: 'PON-1', zone: 'Z-1' });
    const samePole = await ticket({ pole: 'P-1', pon: 'PON-9', zone: 'Z-9' });
    const samePon = await ticket({ pole: 'P-2', pon: 'PON-1', zone: 'Z-9' });
    const sameZone = await ticket({ pole: 'P-3', pon: 'PON-3', zone: 'Z-1' });
    await ticket({ pole: 'P-4', pon: 'PON-4', zone: 'Z-4' }); // elsewhere
    const otherProject = await ticket({ pole: 'P-1', pon: 'PON-1', zone: 'Z-1' });
    await tdb.db.query('UPDATE drops SET project_id = $2 WHERE dr_number = $1', [otherProject.drNumber, (await makeProject(tdb.db, { name: 'Mohadin' })).id]);
    const cancelled = await ticket({ pole: 'P-1' });
    await api().post('tickets-status', { id: cancelled.id, status: 'cancelled', reason: 'Duplicate' });

    const before = await view(parent.ticketUid);
    expect(before.role).toBe('none');
    expect(before.candidates.map((c) => [c.ticketUid, c.sharedOn])).toEqual([[samePole.ticketUid, 'pole'], [samePon.ticketUid, 'pon'], [sameZone.ticketUid, 'zone']]);

    const link = await api().post<{ linked: string[] }>('tickets-incident', { parentId: parent.ticketUid, childIds: [samePole.ticketUid, samePon.id], version: before.ticket.version });
    expect(link.status).toBe(200);
    const after = await view(parent.id);
    expect(after.role).toBe('parent');
    expect(after.children.map((c) => [c.ticketUid, c.status, c.drNumber])).toEqual([[samePole.ticketUid, 'new', samePole.drNumber], [samePon.ticketUid, 'new', samePon.drNumber]]);
    expect(after.candidates.map((c) => c.ticketUid)).toEqual([sameZone.ticketUid]);
    // Linking is a write to the child: its version moved on.
    expect(after.children[0].version).toBe(samePole.version + 1);

    const child = await view(samePole.ticketUid);
    expect(child).toMatchObject({ role: 'child', parent: { ticketUid: parent.ticketUid }, children: [], candidates: [] });
  });

  it('shows a technician only the children assigned to them', async () => {
    const tech = await makeUser(tdb.db, { role: 'technician' });
    const parent = await ticket({ pole: 'T-1' });
    const mine = await ticket({ pole: 'T-1' });
    const theirs = await ticket({ pole: 'T-1' });
    await tdb.db.query('UPDATE tickets SET assigned_to = $2 WHERE id = ANY($1)', [[parent.id, mine.id], tech.id]);
    expect((await api().post('tickets-incident', { parentId: parent.id, childIds: [mine.id, theirs.id] })).status).toBe(200);
    const seen = await client(server.url, { token: tech.token }).get<View>(`tickets-incident?id=${parent.id}`);
    expect(seen.body.data.children.map((c) => c.ticketUid)).toEqual([mine.ticketUid]);
    expect((await client(server.url, { token: tech.token }).del(`tickets-incident?id=${mine.id}`)).status).toBe(403);
    expect((await client(server.url, { token: tech.token }).get(`tickets-incident?id=${theirs.id}`)).status).toBe(404);
  });
});

describe('linking refuses nonsense with a clear 4xx and changes nothing', () => {
  it('names an unknown child, refuses a closed child and a stale parent, and links nothing of a refused batch', async () => {
    const parent = await ticket({ pole: 'L-1' });
    const ok = await ticket({ pole: 'L-1' });
    const done = await ticket({ pole: 'L-1' });
    await api().post('tickets-status', { id: done.id, status: 'cancelled', reason: 'Duplicate' });

    const unknown = await api().post<unknown>('tickets-incident', { parentId: parent.id, childIds: [ok.id, 'FF-999999'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.message).toContain('FF-999999');
    const closed = await api().post<unknown>('tickets-incident', { parentId: parent.id, childIds: [ok.id, done.ticketUid] });
    expect(closed.status).toBe(409);
    expect(closed.body.error?.message).toContain(done.ticketUid);
    const stale = await api().post('tickets-incident', { parentId: parent.id, childIds: [ok.id], version: parent.version + 5 });
    expect(stale.status).toBe(409);
    expect((await view(parent.id)).children).toEqual([]);
    expect(await openPauses(ok.id)).toEqual([]);
    expect((await api().post('tickets-incident', { parentId: parent.id, childIds: [ok.id], version: 0 })).status).toBe(400);
  });
});

describe('unlinking a child', () => {
  it('ends the incident’s SLA pause, records it on both tickets, and leaves the child free to join again', async () => {
    const parent = await ticket({ pole: 'U-1' }, { source: 'internal', title: 'Splitter failure' });
    const a = await ticket({ pole: 'U-1' });
    const b = await ticket({ pole: 'U-1' });
    expect((await api().post('tickets-incident', { parentId: parent.id, childIds: [a.id, b.id] })).status).toBe(200);
    expect(await openPauses(a.id)).toEqual([{ note: `Part of mass incident ${parent.ticketUid}` }]);
    clock.advanceMinutes(60);

    const child = (await view(parent.id)).children.find((c) => c.id === a.id) as Member;
    const stale = await api().del(`tickets-incident?id=${a.ticketUid}&version=${child.version - 1}`);
    expect(stale.status).toBe(409);
    const res = await api().del<{ parentUid: string; unlinked: string; version: number; slaResumed: boolean }>(`tickets-incident?id=${a.ticketUid}&version=${child.version}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ parentUid: parent.ticketUid, unlinked: a.ticketUid, version: child.version + 1, slaResumed: true });

    expect(await openPauses(a.id)).toEqual([]);
    const closed = (await tdb.db.query<{ minutes: number }>('SELECT paused_business_minutes AS minutes FROM sla_pauses WHERE ticket_id = $1', [a.id])).rows;
    expect(closed.map((r) => Number(r.minutes))).toEqual([60]);
    expect((await api().get<{ slaPaused: boolean; version: number }>(`tickets-detail?id=${a.id}`)).body.data).toMatchObject({ slaPaused: false, version: child.version + 1 });
    expect(await openPauses(b.id)).toHaveLength(1); // the other child still waits for the incident
    const history = async (id: string) => (await api().get<{ history: { action: string; oldValue: string | null }[] }>(`tickets-history?id=${id}`)).body.data.history;
    expect((await history(a.id)).find((h) => h.action === 'incident_unlinked')?.oldValue).toBe(parent.ticketUid);
    expect((await history(parent.id)).find((h) => h.action === 'incident_child_removed')?.oldValue).toBe(a.ticketUid);
    expect((await view(parent.id)).children.map((c) => c.ticketUid)).toEqual([b.ticketUid]);
    expect((await view(a.id)).role).toBe('none');

    expect((await api().del(`tickets-incident?id=${a.id}`)).status).toBe(409); // not part of an incident any more
    expect((await api().post('tickets-incident', { parentId: parent.id, childIds: [a.id] })).status).toBe(200);
  });

  it('keeps a pause the child has for its own reason, and refuses to unlink a finished child or bad input', async () => {
    const parent = await ticket({ pole: 'K-1' });
    const blocked = await ticket({ pole: 'K-1' });
    const finished = await ticket({ pole: 'K-1' });
    const { version } = (await api().get<{ version: number }>(`tickets-detail?id=${blocked.id}`)).body.data;
    expect((await api().post('tickets-assign', { id: blocked.id, assignedTo: agent.id, version })).status).toBe(200);
    for (const status of ['in_progress', 'blocked']) {
      expect((await api().post('tickets-status', { id: blocked.id, status, pauseReason: status === 'blocked' ? 'waiting_customer' : undefined })).status).toBe(200);
    }
    expect((await api().post('tickets-incident', { parentId: parent.id, childIds: [blocked.id, finished.id] })).status).toBe(200);
    const res = await api().del<{ slaResumed: boolean }>(`tickets-incident?id=${blocked.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data.slaResumed).toBe(false);
    expect(await openPauses(blocked.id)).toHaveLength(1);

    await tdb.db.query("UPDATE tickets SET status = 'resolved' WHERE id = $1", [finished.id]);
    expect((await api().del(`tickets-incident?id=${finished.id}`)).status).toBe(409);
    expect((await view(parent.id)).children.map((c) => c.ticketUid)).toEqual([finished.ticketUid]);
    expect((await api().del('tickets-incident?id=FF-999999')).status).toBe(404);
    // A child that went back to work after its own pause has no pause left: unlinking resumes nothing.
    await api().post('tickets-incident', { parentId: parent.id, childIds: [blocked.id] });
    expect((await api().post('tickets-status', { id: blocked.id, status: 'in_progress' })).status).toBe(200);
    expect(await openPauses(blocked.id)).toEqual([]);
    expect((await api().del<{ slaResumed: boolean }>(`tickets-incident?id=${blocked.id}`)).body.data.slaResumed).toBe(false);
    expect((await api().del(`tickets-incident?id=${parent.id}&version=abc`)).status).toBe(400);
    expect((await api().del('tickets-incident')).status).toBe(400);
  });
});

describe('a deleted parent', () => {
  it('leads nothing: its children show as free and may join another incident', async () => {
    const admin = await makeUser(tdb.db, { role: 'admin' });
    const gone = await ticket({ pole: 'D-1' });
    const other = await ticket({ pole: 'D-1' });
    const child = await ticket({ pole: 'D-1' });
    expect((await api().post('tickets-incident', { parentId: gone.id, childIds: [child.id] })).status).toBe(200);
    expect((await client(server.url, { token: admin.token }).del(`tickets-detail?id=${gone.id}`)).status).toBe(200);
    expect((await view(child.id)).role).toBe('none');
    expect((await api().post('tickets-incident', { parentId: other.id, childIds: [child.id] })).status).toBe(200);
    expect((await view(child.id)).parent?.ticketUid).toBe(other.ticketUid);
  });
});
