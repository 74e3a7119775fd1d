// The ticket lifecycle over HTTP: read, update with versions, workflow, assignment, notes, tags, history, delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T {
  id: string;
  ticketUid: string;
  status: string;
  priority: string;
  title: string;
  assignedTo: string | null;
  resolvedAt: string | null;
  faultCause: string | null;
  version: number;
}

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

async function newTicket(extra: Record<string, unknown> = {}): Promise<T> {
  const res = await w.as(w.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'Fibre cut', drNumber: await w.drop(), ...extra });
  expect(res.status).toBe(201);
  return res.body.data;
}

describe('reading tickets', () => {
  it('finds a ticket by id and by UID, and 404s an unknown one', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    expect((await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data.ticketUid).toBe(t.ticketUid);
    expect((await agent.get<T>(`tickets-detail?id=${t.ticketUid.toLowerCase()}`)).body.data.id).toBe(t.id);
    expect((await agent.get('tickets-detail?id=FT999999999')).status).toBe(404);
    expect((await agent.get('tickets-detail?id=not-a-uuid')).status).toBe(404);
    expect((await agent.get('tickets-detail')).status).toBe(400);
  });

  it('lets a technician see only tickets assigned to them (404 for others, not 403)', async () => {
    const mine = await newTicket({ assignedTo: w.users.technician.id });
    const theirs = await newTicket({ assignedTo: w.users.tech2.id });
    const tech = w.as(w.users.technician);
    expect((await tech.get(`tickets-detail?id=${mine.id}`)).status).toBe(200);
    expect((await tech.get(`tickets-detail?id=${theirs.id}`)).status).toBe(404);
    const list = await tech.get<T[]>('tickets?limit=200');
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((t) => t.assignedTo === w.users.technician.id)).toBe(true);
    expect((await tech.post('tickets-status', { id: theirs.id, status: 'in_progress' })).status).toBe(404);
  });
});

describe('updating tickets', () => {
  it('updates with the current version, writes history, and refuses a stale version with 409 keeping the row', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    const ok = await agent.patch<T>(`tickets-detail?id=${t.id}`, { version: t.version, priority: 'high', title: 'Fibre cut at pole' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ priority: 'high', title: 'Fibre cut at pole', version: t.version + 1 });
    const stale = await agent.patch(`tickets-detail?id=${t.id}`, { version: t.version, priority: 'low' });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.details).toMatchObject({ currentVersion: t.version + 1 });
    expect((await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data.priority).toBe('high');
    const hist = await agent.get<{ history: { action: string; field: string | null; oldValue: string | null; newValue: string | null }[] }>(`tickets-history?id=${t.id}`);
    expect(hist.body.data.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'created' }),
        expect.objectContaining({ action: 'updated', field: 'priority', oldValue: 'medium', newValue: 'high' }),
      ]),
    );
  });

  it('requires a version and validates fields', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    expect((await agent.patch(`tickets-detail?id=${t.id}`, { priority: 'high' })).status).toBe(400);
    expect((await agent.patch(`tickets-detail?id=${t.id}`, { version: 1, ticketUid: 'X' })).status).toBe(400);
    expect((await w.as(w.users.technician).patch(`tickets-detail?id=${t.id}`, { version: 1, title: 'x' })).status).toBe(403);
  });

  it('returns the ticket unchanged when nothing differs, without bumping the version', async () => {
    const t = await newTicket();
    const res = await w.as(w.users.agent).patch<T>(`tickets-detail?id=${t.id}`, { version: t.version, title: t.title });
    expect(res.body.data.version).toBe(t.version);
  });

  it('moves the ticket to the new drop\'s project when its DR number changes', async () => {
    const t = await newTicket();
    const other = await w.drop();
    const res = await w.as(w.users.agent).patch<T & { drNumber: string }>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: other });
    expect(res.body.data.drNumber).toBe(other);
  });
});

describe('the workflow', () => {
  it('walks new -> triaged -> assigned -> in_progress -> blocked -> in_progress -> resolved -> closed', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    expect((await agent.post<T>('tickets-status', { id: t.id, status: 'triaged' })).body.data.status).toBe('triaged');
    const noAssignee = await agent.post('tickets-status', { id: t.id, status: 'assigned' });
    expect(noAssignee.status).toBe(422);
    const current = (await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data;
    const assigned = await agent.post<T>('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, reason: 'nearest', version: current.version });
    expect(assigned.body.data).toMatchObject({ status: 'assigned', assignedTo: w.users.technician.id });
    const tech = w.as(w.users.technician);
    expect((await tech.post<T>('tickets-status', { id: t.id, status: 'in_progress' })).body.data.status).toBe('in_progress');
    expect((await tech.post<T>('tickets-status', { id: t.id, status: 'blocked', pauseReason: 'access_denied', reason: 'Gate locked' })).body.data.status).toBe('blocked');
    expect((await tech.post<T>('tickets-status', { id: t.id, status: 'in_progress' })).body.data.status).toBe('in_progress');
    const resolved = await tech.post<T>('tickets-status', { id: t.id, status: 'resolved', faultCause: 'workmanship', resolutionNotes: 'Re-spliced' });
    expect(resolved.body.data).toMatchObject({ status: 'resolved', faultCause: 'workmanship' });
    expect(resolved.body.data.resolvedAt).not.toBeNull();
    expect((await tech.post('tickets-status', { id: t.id, status: 'closed' })).status).toBe(409);
    const reopened = await agent.post<T>('tickets-status', { id: t.id, status: 'in_progress', reason: 'Customer says still down' });
    expect(reopened.body.data.resolvedAt).toBeNull();
    await agent.post('tickets-status', { id: t.id, status: 'resolved' });
    expect((await agent.post<T>('tickets-status', { id: t.id, status: 'closed' })).body.data.status).toBe('closed');
  });

  it('refuses an illegal transition with 409 listing the legal ones, and changes nothing', async () => {
    const t = await newTicket();
    const res = await w.as(w.users.agent).post('tickets-status', { id: t.id, status: 'resolved' });
    expect(res.status).toBe(409);
    expect(res.body.error?.details).toMatchObject({ from: 'new', to: 'resolved', allowed: ['triaged', 'assigned', 'cancelled'] });
    expect((await w.as(w.users.agent).get<T>(`tickets-detail?id=${t.id}`)).body.data).toMatchObject({ status: 'new', version: t.version });
  });

  it('needs a reason to cancel, refuses a stale version, and cannot reassign a closed ticket', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    expect((await agent.post('tickets-status', { id: t.id, status: 'cancelled' })).status).toBe(422);
    expect((await agent.post('tickets-status', { id: t.id, status: 'triaged', version: t.version + 5 })).status).toBe(409);
    expect((await agent.post<T>('tickets-status', { id: t.id, status: 'cancelled', reason: 'Duplicate' })).body.data.status).toBe('cancelled');
    const re = await agent.post('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, version: (await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data.version });
    expect(re.status).toBe(409);
  });

  it('unassigning an assigned ticket sends it back to triage; a technician cannot cancel', async () => {
    const t = await newTicket({ assignedTo: w.users.technician.id });
    expect((await w.as(w.users.technician).post('tickets-status', { id: t.id, status: 'cancelled', reason: 'x' })).status).toBe(409);
    const res = await w.as(w.users.manager).post<T>('tickets-assign', { id: t.id, assignedTo: null, reason: 'rebalancing', version: t.version });
    expect(res.body.data).toMatchObject({ status: 'triaged', assignedTo: null });
    const hist = await w.as(w.users.agent).get<{ assignments: unknown[] }>(`tickets-history?id=${t.id}`);
    expect(hist.body.data.assignments).toHaveLength(2);
  });
});

describe('assignment notices', () => {
  it('tells the new assignee by their preferred channel through the outbox, but not someone who takes a ticket themselves', async () => {
    const t = await newTicket();
    const first = await w.as(w.users.agent).post<T>('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, version: t.version });
    const sql = "SELECT count(*)::int AS n FROM notification_log WHERE ticket_id = $1 AND template = 'ticket.assigned' AND user_id = $2";
    expect(await w.count(sql, [t.id, w.users.technician.id])).toBe(1);
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE ticket_id = $1 AND kind = 'notification.email'", [t.id])).toBe(1);
    await w.as(w.users.manager).post('tickets-assign', { id: t.id, assignedTo: w.users.manager.id, version: first.body.data.version });
    expect(await w.count(sql, [t.id, w.users.manager.id])).toBe(0);
  });

  it('logs a notice for a channel that is not configured as failed, and queues nothing for it', async () => {
    await w.tdb.db.query(`UPDATE users SET notification_prefs = '{"email": true, "whatsapp": true}'::jsonb WHERE id = $1`, [w.users.tech2.id]);
    const t = await newTicket({ assignedTo: w.users.tech2.id });
    const rows = await w.tdb.db.query<{ channel: string; status: string; error: string | null }>(
      "SELECT channel, status, error FROM notification_log WHERE ticket_id = $1 AND template = 'ticket.assigned' ORDER BY channel", [t.id]);
    expect(rows.rows).toEqual([
      { channel: 'email', status: 'pending', error: null },
      { channel: 'whatsapp', status: 'failed', error: 'whatsapp is not configured (WAHA_URL unset)' },
    ]);
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE ticket_id = $1 AND kind = 'notification.whatsapp'", [t.id])).toBe(0);
  });
});

describe('notes, tags and deletion', () => {
  it('adds internal and external notes and lists them', async () => {
    const t = await newTicket({ assignedTo: w.users.technician.id });
    const tech = w.as(w.users.technician);
    expect((await tech.post('tickets-notes?id=' + t.id, { body: 'On site', noteType: 'internal' })).status).toBe(201);
    w.clock.advanceMinutes(1);
    expect((await w.as(w.users.agent).post('tickets-notes?id=' + t.id, { body: 'We are on it', noteType: 'external' })).status).toBe(201);
    expect((await tech.post('tickets-notes?id=' + t.id, { body: '   ' })).status).toBe(400);
    expect((await tech.post('tickets-notes?id=' + t.id, { body: 'x', noteType: 'system' })).status).toBe(400);
    const notes = await tech.get<{ body: string; noteType: string; authorName: string }[]>('tickets-notes?id=' + t.id);
    expect(notes.body.data.map((n) => [n.noteType, n.body])).toEqual([['internal', 'On site'], ['external', 'We are on it']]);
    expect((await w.as(w.users.finance).post('tickets-notes?id=' + t.id, { body: 'x' })).status).toBe(403);
  });

  it('moves the version with every note and the updated time once a minute at most, never backwards', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    const read = async () => (await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data;
    const before = await read();
    w.clock.advanceMinutes(2);
    const first = w.clock.now().toISOString();
    expect((await agent.post('tickets-notes?id=' + t.id, { body: 'First message' })).status).toBe(201);
    expect(await read()).toMatchObject({ version: before.version + 1, updatedAt: first });
    // Seconds later, a second note: the version moves (an open editor sees it is stale), the updated time stays.
    w.clock.set(new Date(w.clock.now().getTime() + 20_000));
    expect((await agent.post('tickets-notes?id=' + t.id, { body: 'Second message' })).status).toBe(201);
    expect(await read()).toMatchObject({ version: before.version + 2, updatedAt: first });
    // A minute after the time it shows, the next note moves it again.
    w.clock.set(new Date(Date.parse(first) + 61_000));
    expect((await agent.post('tickets-notes?id=' + t.id, { body: 'A minute on' })).status).toBe(201);
    expect(await read()).toMatchObject({ version: before.version + 3, updatedAt: new Date(Date.parse(first) + 61_000).toISOString() });
  });

  it('adds, lists and removes tags, and filters the list by tag', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    expect((await agent.post<string[]>(`tickets-tags?id=${t.id}`, { tags: ['Mamelodi-north', 'ont'] })).body.data).toEqual(['mamelodi-north', 'ont']);
    expect((await agent.post(`tickets-tags?id=${t.id}`, { tags: ['bad tag!'] })).status).toBe(400);
    const version = (await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data.version;
    expect((await agent.post<string[]>(`tickets-tags?id=${t.id}`, { tags: ['ont'] })).body.data).toEqual(['mamelodi-north', 'ont']);
    expect((await agent.get<T>(`tickets-detail?id=${t.id}`)).body.data.version).toBe(version);
    const listed = await agent.get<T[]>('tickets?tag=mamelodi-north');
    expect(listed.body.data.map((x) => x.id)).toEqual([t.id]);
    expect((await agent.del<string[]>(`tickets-tags?id=${t.id}&tag=ont`)).body.data).toEqual(['mamelodi-north']);
    expect((await agent.del(`tickets-tags?id=${t.id}&tag=ont`)).status).toBe(404);
    expect((await agent.get<string[]>(`tickets-tags?id=${t.id}`)).body.data).toEqual(['mamelodi-north']);
  });

  it('soft-deletes for an admin only; the ticket then disappears', async () => {
    const t = await newTicket();
    expect((await w.as(w.users.manager).del(`tickets-detail?id=${t.id}`)).status).toBe(403);
    expect((await w.as(w.users.admin).del(`tickets-detail?id=${t.id}`)).status).toBe(200);
    expect((await w.as(w.users.agent).get(`tickets-detail?id=${t.id}`)).status).toBe(404);
    expect(await w.count('SELECT count(*)::int AS n FROM tickets WHERE id = $1 AND deleted_at IS NOT NULL', [t.id])).toBe(1);
  });
});

describe('guards found in review', () => {
  it('keeps the project and client when the DR number is cleared, and takes the new drop\'s when it changes', async () => {
    const t = await newTicket();
    const agent = w.as(w.users.agent);
    const cleared = await agent.patch<T & { projectId: string | null; clientId: string | null; drNumber: string | null }>(`tickets-detail?id=${t.id}`, { version: t.version, drNumber: null });
    expect(cleared.body.data).toMatchObject({ drNumber: null, projectId: w.projectId, clientId: w.clientId });
  });

  it('answers 404 for an id of 36 dashes and 400 for a forged cursor, never 500', async () => {
    const agent = w.as(w.users.agent);
    expect((await agent.get(`tickets-detail?id=${'-'.repeat(36)}`)).status).toBe(404);
    const forged = Buffer.from(JSON.stringify({ v: 'nope', id: 'nope' })).toString('base64url');
    expect((await agent.get(`tickets?cursor=${forged}`)).status).toBe(400);
    const wrongSort = Buffer.from(JSON.stringify({ v: '2026-11-25 08:30:00+00', id: '3f0c6f7e-0000-4000-8000-000000000000' })).toString('base64url');
    expect((await agent.get(`tickets?sort=priority&cursor=${wrongSort}`)).status).toBe(400);
  });

  it('shows a technician who was notified on their ticket without the address; managers see it', async () => {
    const t = await newTicket({ assignedTo: w.users.technician.id });
    type Report = { notifications: { recipient: string; channel: string }[] };
    const mine = await w.as(w.users.technician).get<Report>(`sla-report?id=${t.id}`);
    expect(mine.body.data.notifications.length).toBeGreaterThan(0);
    expect(mine.body.data.notifications.every((n) => n.recipient.includes('***'))).toBe(true);
    const mgr = await w.as(w.users.manager).get<Report>(`sla-report?id=${t.id}`);
    expect(mgr.body.data.notifications.map((n) => n.recipient)).toContain(w.users.technician.email);
  });
});

describe('drop lookup and users', () => {
  it('looks up a drop with its guarantee, and 404s an unknown one', async () => {
    const dr = await w.drop();
    const res = await w.as(w.users.agent).get<{ drNumber: string; projectName: string; guarantee: { active: boolean; daysLeft: number } }>(`tickets-lookup-drop?dr=${dr}`);
    expect(res.body.data).toMatchObject({ drNumber: dr, projectName: 'Lawley', guarantee: { active: true, daysLeft: 80 } });
    expect((await w.as(w.users.agent).get('tickets-lookup-drop?dr=DR0000001')).status).toBe(404);
    expect((await w.as(w.users.agent).get('tickets-lookup-drop?dr=12')).status).toBe(400);
  });

  it('lists clients and their projects for pickers, with counts', async () => {
    const agent = w.as(w.users.agent);
    const clients = await agent.get<{ id: string; projectCount: number }[]>('clients');
    expect(clients.body.data).toEqual([expect.objectContaining({ id: w.clientId, projectCount: 1 })]);
    const projects = await agent.get<{ id: string; name: string; clientId: string; clientName: string; dropCount: number }[]>(`projects?client=${w.clientId}`);
    expect(projects.body.data).toEqual([expect.objectContaining({ id: w.projectId, name: 'Lawley', clientId: w.clientId })]);
    expect(projects.body.data[0].dropCount).toBeGreaterThan(0);
    expect((await agent.get<unknown[]>('projects?client=00000000-0000-4000-8000-000000000000')).body.data).toEqual([]);
    expect((await agent.get('projects?client=nope')).status).toBe(400);
    expect((await w.as({ ...w.users.agent, token: '' }).get('clients')).status).toBe(401);
  });

  it('lists active users by role', async () => {
    const res = await w.as(w.users.agent).get<{ id: string; role: string }[]>('users?role=technician');
    expect(res.body.data.map((u) => u.role)).toEqual(['technician', 'technician']);
    expect((await w.as(w.users.agent).get<unknown[]>('users')).body.data).toHaveLength(6);
    expect((await w.as(w.users.agent).get('users?role=pilot')).status).toBe(400);
    expect((await w.as(w.users.technician).get('users')).status).toBe(403);
  });
});
