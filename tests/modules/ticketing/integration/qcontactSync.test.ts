// The QContact sync over HTTP against the emulator: the first sync over several pages, an unchanged re-sync that
// writes nothing, changed cases, token expiry mid-sync, 500s and timeouts, a malformed case sent to review, unknown
// status labels flagged, and the cron route.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCases, OTHER_ASSIGNEE, OUR_ASSIGNEE } from '@/emulators/qcontact';
import { qcontactWorld, ticketFootprint, type QcontactWorld } from './qcontactFixture';

// A first sync of many cases on a busy shared machine can take minutes; these limits only catch a hang.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let w: QcontactWorld;
beforeAll(async () => {
  w = await qcontactWorld({ cases: 200 });
}, 180_000);
afterAll(async () => w?.close());

interface TicketRow { ticket_uid: string; source: string; external_id: string; status: string; priority: string; ticket_type: string; category: string; title: string;
  reporter_name: string; reporter_phone: string; reporter_email: string; address: string; gps_lat: string; gps_lng: string; dr_number: string; created_at: Date }

const ticketOf = async (caseId: number) =>
  (await w.tdb.db.query<TicketRow>(
    `SELECT t.ticket_uid, t.source, t.external_id, t.status, t.priority, t.ticket_type, t.category, t.title, t.reporter_name, t.reporter_phone, t.reporter_email,
            t.address, t.gps_lat, t.gps_lng, t.dr_number, t.created_at FROM tickets t WHERE t.source = 'qcontact' AND t.external_id = $1`, [String(caseId)])).rows[0];

describe('the first sync', () => {
  it('creates one FT ticket per case assigned to us, over several pages, with every mapped field', async () => {
    const ours = w.ours();
    expect(ours.length).toBeGreaterThan(150);
    const run = await w.sync();
    expect(run).toMatchObject({ ok: true, seen: ours.length, created: ours.length, updated: 0, failed: 0, review: 0, full: true });
    expect(run.pages).toBe(Math.ceil(ours.length / 50));
    expect(await w.count(`SELECT count(*)::int AS n FROM tickets WHERE source = 'qcontact'`)).toBe(ours.length);
    const lists = w.emu.requests.filter((r) => r.path === '/api/v2/entities/Case');
    expect(lists.map((r) => r.query.page)).toEqual(['1', '2', '3', '4']);
    for (const r of lists) {
      expect(r.query.view).toBeUndefined();
      expect(JSON.parse(r.query.filters)).toEqual([{ operator: 'all', conditions: [{ name: 'assigned_to', value: OUR_ASSIGNEE.id, operator: 'equals' }] }]);
    }
    const c = w.emu.cases.get(ours[0])!;
    const t = await ticketOf(c.id);
    const [lat, lng] = String(c.fields.c__location_pin).split(',').map(Number);
    const [category, subcategory] = String(c.fields.category).split(/::|\|/);
    expect(t).toMatchObject({
      ticket_uid: c.label.match(/FT\d+/)![0], source: 'qcontact', external_id: String(c.id), reporter_name: c.contact.label, reporter_phone: c.fields.telephone,
      reporter_email: c.fields.email, address: c.fields.address, dr_number: c.dr!.label, category,
    });
    expect(Number(t.gps_lat)).toBeCloseTo(lat, 5);
    expect(Number(t.gps_lng)).toBeCloseTo(lng, 5);
    expect(new Date(t.created_at).toISOString()).toBe(c.created_at);
    const link = (await w.tdb.db.query<{ subcategory: string; ont_serial: string; status_label: string }>('SELECT subcategory, ont_serial, status_label FROM qcontact_cases WHERE case_id = $1', [String(c.id)])).rows[0];
    expect(link).toEqual({ subcategory, ont_serial: c.fields.c__serial_number, status_label: c.fields.status });
    const notes = await w.tdb.db.query<{ note_type: string; channel: string; body: string }>(
      `SELECT n.note_type, n.channel, n.body FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.external_id = $1`, [String(c.id)]);
    expect(notes.rows).toEqual([{ note_type: 'external', channel: 'qcontact', body: c.events[0].content }]);
    const other = [...w.emu.cases.values()].find((x) => x.assignedTo.id === OTHER_ASSIGNEE.id)!;
    expect(await ticketOf(other.id)).toBeUndefined();
  });

  it('derives priority and type from the category table and maps statuses through the inbound table', async () => {
    const byCat = await w.tdb.db.query<{ category: string; priority: string; ticket_type: string }>(
      `SELECT DISTINCT t.category || '::' || coalesce(l.subcategory, '') AS category, t.priority, t.ticket_type FROM tickets t JOIN qcontact_cases l ON l.ticket_id = t.id`);
    const seen = Object.fromEntries(byCat.rows.map((r) => [r.category, `${r.priority}/${r.ticket_type}`]));
    expect(seen['Connectivity::Link Light']).toBe('critical/fault');
    expect(seen['Maintenance::ONTMove']).toBe('low/maintenance');
    const statuses = await w.tdb.db.query<{ status_label: string; status: string }>(
      'SELECT DISTINCT l.status_label, t.status FROM tickets t JOIN qcontact_cases l ON l.ticket_id = t.id ORDER BY 1');
    expect(Object.fromEntries(statuses.rows.map((r) => [r.status_label, r.status]))).toEqual({
      Assigned: 'assigned', Escalated: 'in_progress', 'In Progress': 'in_progress', New: 'new', 'Pending Customer': 'new', Solved: 'resolved', 'Unsolved - No Response': 'cancelled',
    });
  });
});

describe('re-syncing', () => {
  it('writes nothing when nothing changed, and reads only the list pages', async () => {
    const before = await ticketFootprint(w);
    const requests = w.emu.requests.length;
    const run = await w.sync();
    expect(run).toMatchObject({ ok: true, created: 0, updated: 0, failed: 0, unchanged: run.seen });
    expect(await ticketFootprint(w)).toEqual(before);
    const paths = new Set(w.emu.requests.slice(requests).map((r) => r.path));
    expect([...paths].sort()).toEqual(['/api/v2/auth/sign_in', '/api/v2/entities/Case']);
    // Past the cursor (the newest change the last run saw) an unchanged page ends the run early.
    expect(run).toMatchObject({ full: false });
    expect(Number(run.pages)).toBeLessThan(4);
  });

  it('applies what QContact changed: fields with history by "QContact", the status, and new events as notes once', async () => {
    const [a, b] = w.ours();
    w.emu.changeCase(a, { status: 'Escalated', fields: { telephone: '+27821112222' }, note: 'Customer called again' });
    w.emu.changeCase(b, { fields: { category: 'Connectivity|Link Light' } });
    const run = await w.sync();
    expect(run).toMatchObject({ ok: true, updated: 2, created: 0 });
    const ta = await ticketOf(a);
    expect(ta).toMatchObject({ reporter_phone: '+27821112222', status: 'in_progress' });
    const hist = await w.tdb.db.query<{ actor_name: string; field: string; new_value: string }>(
      `SELECT h.actor_name, h.field, h.new_value FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.external_id = $1 AND h.field IN ('reporterPhone', 'status') ORDER BY h.id DESC LIMIT 2`, [String(a)]);
    expect(hist.rows).toEqual(expect.arrayContaining([
      { actor_name: 'QContact', field: 'reporterPhone', new_value: '+27821112222' }, { actor_name: 'QContact', field: 'status', new_value: 'in_progress' },
    ]));
    expect(await ticketOf(b)).toMatchObject({ priority: 'critical', category: 'Connectivity' });
    const noteCount = () => w.count(`SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.external_id = $1 AND n.body = 'Customer called again'`, [String(a)]);
    expect(await noteCount()).toBe(1);
    expect(await w.count(`SELECT count(*)::int AS n FROM outbox WHERE kind LIKE 'qcontact.%'`)).toBe(0);
    w.emu.changeCase(a, { fields: { c__availability: 'Saturdays' } });
    await w.sync();
    expect(await noteCount()).toBe(1);
  });

  it('recovers when the token expires in the middle of a sync', async () => {
    for (const id of w.ours().slice(0, 30)) w.emu.changeCase(id, { fields: { address: `${id} Mopani Cres, Lawley` } });
    const signIns = w.emu.signIns;
    w.emu.expireAfter(12);
    const run = await w.sync();
    w.emu.expireAfter(0);
    expect(run).toMatchObject({ ok: true, updated: 30, failed: 0 });
    expect(w.emu.signIns).toBeGreaterThan(signIns + 1);
    expect(w.emu.requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
  });

  it('retries 500s and timeouts and still applies every change', async () => {
    const ids = w.ours().slice(30, 35);
    for (const id of ids) w.emu.changeCase(id, { fields: { c__availability: 'Mornings' }, note: `Retry note ${id}` });
    w.emu.failNext(2);
    const withErrors = await w.sync();
    expect(withErrors).toMatchObject({ ok: true, updated: 5, failed: 0 });
    expect(w.emu.requests.filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(2);
    w.emu.changeCase(ids[0], { note: 'After a hang' });
    w.emu.hangNext(1, 4000);
    const afterHang = await w.sync();
    expect(afterHang).toMatchObject({ ok: true, updated: 1, failed: 0 });
    expect(await w.count(`SELECT count(*)::int AS n FROM ticket_notes WHERE body = 'After a hang'`)).toBe(1);
  });

  it('records a failed run when QContact stays down, and the next run catches up', async () => {
    const [id] = w.ours().slice(40, 41);
    w.emu.changeCase(id, { note: 'While down' });
    w.emu.failNext(10);
    const down = await w.sync();
    expect(down).toMatchObject({ ok: false });
    expect(String(down.error)).toMatch(/500/);
    w.emu.failNext(0);
    expect(await w.sync()).toMatchObject({ ok: true, updated: 1 });
  });

  it('sends a malformed case to review with the reason and carries on with the rest', async () => {
    const [bad, good] = makeCases({ count: 2, seed: 7, firstCaseId: 31_000_000_000, firstNumber: 880_000, otherShare: 0, drNumbers: w.drNumbers });
    bad.label = 'Connection Issue (no reference)';
    bad.fields.reference = null;
    bad.updated_at = new Date().toISOString();
    good.updated_at = bad.updated_at;
    w.emu.addCase(bad);
    w.emu.addCase(good);
    const run = await w.sync();
    expect(run).toMatchObject({ ok: true, created: 1, review: 1, failed: 1 });
    expect(await ticketOf(good.id)).toMatchObject({ ticket_uid: 'FT880001' });
    const admin = w.as(w.users.admin);
    const queue = await admin.get<{ externalId: string; status: string; error: string }[]>('inbound-events?source=qcontact&status=review');
    expect(queue.body.data).toEqual([expect.objectContaining({ externalId: `${bad.id}:${bad.updated_at}`, status: 'review', error: expect.stringMatching(/no FT reference/) })]);
    const again = await w.sync();
    expect(again).toMatchObject({ ok: true, created: 0, review: 1 });
    expect(await w.count(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'review'`)).toBe(1);
  });

  it('maps an unknown status label to new and flags it on the integration page', async () => {
    const [fresh] = makeCases({ count: 1, seed: 9, firstCaseId: 32_000_000_000, firstNumber: 881_000, otherShare: 0, drNumbers: w.drNumbers });
    fresh.fields.status = 'Awaiting Parts';
    fresh.updated_at = new Date().toISOString();
    w.emu.addCase(fresh);
    await w.sync();
    expect(await ticketOf(fresh.id)).toMatchObject({ status: 'new' });
    const status = await w.as(w.users.admin).get<{ key: string; details: { unknownStatuses: unknown; lastSuccessAt: string; nextRunAt: string; lastRun: { seen: number } } }[]>('integrations-status');
    const q = status.body.data.find((c) => c.key === 'qcontact')!;
    expect(q.details.unknownStatuses).toEqual([{ label: 'Awaiting Parts', cases: 1 }]);
    expect(q.details.lastRun.seen).toBeGreaterThan(0);
    expect(new Date(q.details.nextRunAt).getTime()).toBeGreaterThan(new Date(q.details.lastSuccessAt).getTime() - 60_000);
    // Once an admin adds the label to the table, it is no longer flagged.
    const admin = w.as(w.users.admin);
    const maps = (await admin.get<{ inbound: Record<string, string> }>('qcontact-mappings')).body.data;
    expect((await admin.put('qcontact-mappings', { ...maps, inbound: { ...maps.inbound, 'Awaiting Parts': 'blocked' } })).status).toBe(200);
    const after = await admin.get<{ key: string; details: { unknownStatuses: unknown[] } }[]>('integrations-status');
    expect(after.body.data.find((c) => c.key === 'qcontact')!.details.unknownStatuses).toEqual([]);
  });
});

describe('who may sync, and the cron route', () => {
  it('lets only admins press "sync now", and the cron route needs the cron secret', async () => {
    expect((await w.as(w.users.manager).post('qcontact-sync', {})).status).toBe(403);
    const bare = await fetch(`${w.server.url}/cron-qcontact`, { method: 'POST' });
    expect(bare.status).toBe(401);
    const cron = await fetch(`${w.server.url}/cron-qcontact`, { method: 'POST', headers: { authorization: `Bearer ${w.server.config.CRON_SECRET}` } });
    expect(cron.status).toBe(200);
    expect(((await cron.json()) as { data: { trigger: string; ok: boolean } }).data).toMatchObject({ trigger: 'cron', ok: true });
  });
});
