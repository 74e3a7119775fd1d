// SLA targets through the ticket lifecycle over HTTP: recomputed cycles on priority changes, contract hours,
// answering while blocked, finishing late, reopening, deletion, around-the-clock response breaches, and a sweep
// that survives a ticket it cannot compute. Each test has its own week so the clock only moves forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaSweep } from '@/src/modules/ticketing/jobs/slaSweep';
import { makeDrop } from '../../../helpers/factories';
import { slaWorld, type SlaTicket, type SlaWorld } from './slaFixture';

let w: SlaWorld;
beforeAll(async () => {
  w = await slaWorld('2026-11-30T08:00');
});
afterAll(async () => w.close());

const iso = (local: string) => w.at(local).toISOString();
const sweep = (batchSize?: number) => runSlaSweep(w.deps(), { batchSize });
const get = async (id: string) => (await w.as(w.users.agent).get<SlaTicket>(`tickets-detail?id=${id}`)).body.data;
const events = async (id: string) =>
  (await w.rows<{ target: string; threshold: string; cycle: number }>('SELECT target, threshold, cycle FROM sla_events WHERE ticket_id = $1 ORDER BY cycle, threshold_at, target', [id]))
    .map((e) => `${e.cycle}:${e.target}:${e.threshold}`);
const status = async (id: string, s: string, extra: Record<string, unknown> = {}) => {
  const r = await w.as(w.users.agent).post<SlaTicket>('tickets-status', { id, status: s, ...extra });
  expect(r.status).toBe(200);
  return r.body.data;
};
async function create(body: Record<string, unknown>): Promise<SlaTicket> {
  const r = await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', ticketType: 'fault', title: 'Fibre fault', drNumber: await w.drop(), ...body });
  expect(r.status).toBe(201);
  return r.body.data;
}

describe('recomputing targets', () => {
  it('starts a new cycle from creation time when the priority changes, and fires that cycle’s thresholds afresh', async () => {
    w.clock.set(w.at('2026-11-30T08:00')); // Monday
    const t = await create({ priority: 'low' });
    // low: 48 business hours = 2880 min = Mon-Fri 5 x 540 = 2700, + 180 -> Mon 7 Dec 11:00
    expect(t.dueAt).toBe(iso('2026-12-07T11:00'));
    w.clock.set(w.at('2026-11-30T08:30'));
    await w.as(w.users.agent).post(`tickets-notes?id=${t.id}`, { body: 'We are on it', noteType: 'external' });
    w.clock.set(w.at('2026-11-30T09:00'));
    const high = await w.as(w.users.agent).patch<SlaTicket>(`tickets-detail?id=${t.id}`, { version: (await get(t.id)).version, priority: 'high' });
    // high from creation: 8 h -> Mon 16:00; the response target (2 h -> 10:00) was already met at 08:30
    expect(high.body.data.dueAt).toBe(iso('2026-11-30T16:00'));
    expect(high.body.data.firstResponseDueAt).toBe(iso('2026-11-30T10:00'));
    w.clock.set(w.at('2026-11-30T14:00'));
    await sweep();
    expect(await events(t.id)).toEqual(['2:resolution:warning']);
    w.clock.set(w.at('2026-11-30T14:30'));
    const critical = await w.as(w.users.agent).patch<SlaTicket>(`tickets-detail?id=${t.id}`, { version: (await get(t.id)).version, priority: 'critical' });
    // critical runs around the clock: 4 h after Mon 08:00 -> Mon 12:00, already behind; the new cycle has fired nothing
    expect(critical.body.data.dueAt).toBe(iso('2026-11-30T12:00'));
    await sweep();
    expect(await events(t.id)).toEqual(['2:resolution:warning', '3:resolution:warning', '3:resolution:escalation', '3:resolution:breach']);
    const d = await get(t.id);
    expect(d.sla).toMatchObject({ state: 'breached', breachedAt: iso('2026-11-30T12:00') });
    const history = (await w.as(w.users.agent).get<{ history: { action: string; oldValue: string | null; newValue: string | null }[] }>(`tickets-history?id=${t.id}`)).body.data.history;
    expect(history.filter((h) => h.action === 'sla_recomputed').map((h) => [h.oldValue, h.newValue])).toEqual([
      [iso('2026-12-07T11:00'), iso('2026-11-30T16:00')],
      [iso('2026-11-30T16:00'), iso('2026-11-30T12:00')],
    ]);
  });

  it('clears the targets when the new type and priority have no active config', async () => {
    w.clock.set(w.at('2026-11-30T15:00'));
    const t = await create({ priority: 'low' });
    // not answered yet, medium from creation: 4 h response = Mon 15-17 (120) + Tue 08:00 + 120 -> Tue 10:00;
    // 24 h resolution = 1440: Mon 120, Tue 540, Wed 540, Thu 08:00 + 240 -> Thu 3 Dec 12:00
    const medium = await w.as(w.users.agent).patch<SlaTicket>(`tickets-detail?id=${t.id}`, { version: t.version, priority: 'medium' });
    expect(medium.body.data).toMatchObject({ firstResponseDueAt: iso('2026-12-01T10:00'), dueAt: iso('2026-12-03T12:00') });
    await w.tdb.db.query("UPDATE sla_configs SET active = false WHERE ticket_type = 'query' AND priority = 'medium'");
    const r = await w.as(w.users.agent).patch<SlaTicket>(`tickets-detail?id=${t.id}`, { version: medium.body.data.version, ticketType: 'query' });
    expect(r.body.data).toMatchObject({ dueAt: null, firstResponseDueAt: null });
    expect(r.body.data.sla.state).toBe('none');
    await w.tdb.db.query("UPDATE sla_configs SET active = true WHERE ticket_type = 'query' AND priority = 'medium'");
  });

  it('takes the hours of the client contract when billing puts the ticket under one', async () => {
    w.clock.set(w.at('2026-12-02T08:00')); // Wednesday
    const [{ client_id: clientId }] = await w.rows<{ client_id: string }>('SELECT client_id FROM projects WHERE id = $1', [w.projectId]);
    await w.tdb.db.query(
      `INSERT INTO client_contracts (client_id, project_id, contract_number, name, start_date, response_hours, resolution_hours, business_hours_only)
       VALUES ($1, $2, 'SLA-LAW-1', 'Lawley maintenance', '2026-01-01', NULL, 6, true)`, [clientId, w.projectId]);
    const old = await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: '2024-01-15' });
    const t = await create({ priority: 'medium', drNumber: old.drNumber });
    // contract: 6 h resolution -> 14:00 (medium's config would say 24 h); it sets no response hours, so medium's 4 h -> 12:00
    expect(t.firstResponseDueAt).toBe(iso('2026-12-02T12:00'));
    expect(t.dueAt).toBe(iso('2026-12-02T14:00'));
    const [row] = await w.rows<{ sla_source: string; sla_contract_id: string | null }>('SELECT sla_source, sla_contract_id FROM tickets WHERE id = $1', [t.id]);
    expect(row.sla_source).toBe('contract');
    expect(row.sla_contract_id).not.toBeNull();
    await w.tdb.db.query("UPDATE client_contracts SET active = false WHERE contract_number = 'SLA-LAW-1'");
  });

  it('counts the paused time when it recomputes, and only the part before the first answer for the response', async () => {
    w.clock.set(w.at('2026-12-10T08:00')); // Thursday
    const t = await create({ priority: 'high', assignedTo: w.users.technician.id });
    w.clock.set(w.at('2026-12-10T09:00'));
    await status(t.id, 'in_progress');
    await status(t.id, 'blocked', { pauseReason: 'access_denied' });
    w.clock.set(w.at('2026-12-10T10:00'));
    await status(t.id, 'in_progress');
    w.clock.set(w.at('2026-12-10T11:00'));
    await status(t.id, 'blocked', { pauseReason: 'parts' });
    w.clock.set(w.at('2026-12-10T11:15'));
    await w.as(w.users.agent).post(`tickets-notes?id=${t.id}`, { body: 'Parts ordered', noteType: 'external' });
    w.clock.set(w.at('2026-12-10T11:30'));
    const medium = await w.as(w.users.agent).patch<SlaTicket>(`tickets-detail?id=${t.id}`, { version: (await get(t.id)).version, priority: 'medium' });
    // closed pause 09-10 = 60; the open one counts 11:00-11:15 for the response (answered then) and nothing yet for resolution.
    // response: 240 + 60 + 15 = 315 -> Thu 13:15. resolution: 1440 + 60 = 1500 -> Thu 540 + Fri 540 + Mon 420 -> Mon 14 Dec 15:00
    expect(medium.body.data.firstResponseDueAt).toBe(iso('2026-12-10T13:15'));
    expect(medium.body.data.dueAt).toBe(iso('2026-12-14T15:00'));
    w.clock.set(w.at('2026-12-10T12:00'));
    const resumed = await status(t.id, 'in_progress');
    // the second pause, 11:00-12:00 = 60 more -> Mon 16:00; the answered response stays
    expect(resumed.dueAt).toBe(iso('2026-12-14T16:00'));
    expect(resumed.firstResponseDueAt).toBe(iso('2026-12-10T13:15'));
  });
});

describe('the clock through blocks, late finishes, reopening and deletion', () => {
  it('discounts blocked time from the response, marks a late resolution breached, and forgets a deleted ticket', async () => {
    w.clock.set(w.at('2026-12-08T08:00')); // Tuesday
    const t = await create({ priority: 'high', assignedTo: w.users.technician.id });
    w.clock.set(w.at('2026-12-08T08:30'));
    await status(t.id, 'in_progress');
    await status(t.id, 'blocked', { pauseReason: 'waiting_customer' });
    w.clock.set(w.at('2026-12-08T09:30'));
    await w.as(w.users.agent).post(`tickets-notes?id=${t.id}`, { body: 'Can we come at ten?', noteType: 'external' });
    let d = await get(t.id);
    // answered while blocked: the hour 08:30-09:30 does not count, response due 10:00 + 60 -> 11:00; 30 of 120 min used
    expect(d.firstResponseDueAt).toBe(iso('2026-12-08T11:00'));
    expect(d.sla.responsePercentElapsed).toBe(25);
    w.clock.set(w.at('2026-12-08T10:30'));
    d = await status(t.id, 'in_progress');
    // paused 120 min: resolution due 480 + 120 = 600 business min -> Tue 540 + Wed 60 -> Wed 09:00; the answered response stays
    expect(d.dueAt).toBe(iso('2026-12-09T09:00'));
    expect(d.firstResponseDueAt).toBe(iso('2026-12-08T11:00'));
    w.clock.set(w.at('2026-12-09T10:00'));
    d = await status(t.id, 'resolved', { faultCause: 'workmanship', resolutionNotes: 'Re-spliced' });
    expect(d.sla).toMatchObject({ state: 'breached', breachedAt: iso('2026-12-09T09:00') });
    w.clock.set(w.at('2026-12-09T11:00'));
    await status(t.id, 'in_progress');
    const [reopened] = await w.rows<{ sla_next_check_at: Date | null }>('SELECT sla_next_check_at FROM tickets WHERE id = $1', [t.id]);
    expect(reopened.sla_next_check_at).not.toBeNull();
    expect((await w.as(w.users.admin).del(`tickets-detail?id=${t.id}`)).status).toBe(200);
    await sweep();
    expect(await events(t.id)).toEqual([]);
    const [gone] = await w.rows<{ sla_next_check_at: Date | null }>('SELECT sla_next_check_at FROM tickets WHERE id = $1', [t.id]);
    expect(gone.sla_next_check_at).toBeNull();
  });
});

describe('around the clock', () => {
  it('breaches the first response of an unassigned critical fault on a Friday evening and tells the managers', async () => {
    w.clock.set(w.at('2026-12-11T16:00')); // Friday
    const t = await create({ priority: 'critical' });
    expect(t.firstResponseDueAt).toBe(iso('2026-12-11T17:00'));
    expect(t.dueAt).toBe(iso('2026-12-11T20:00'));
    w.clock.set(w.at('2026-12-11T17:00'));
    await sweep();
    expect(await events(t.id)).toEqual(['1:response:warning', '1:response:escalation', '1:response:breach']);
    const d = await get(t.id);
    expect(d.sla).toMatchObject({ state: 'breached', breachedAt: iso('2026-12-11T17:00'), responsePercentElapsed: 100 });
    // the missed response marks the ticket breached, so the list's SLA filter finds it
    const listed = await w.as(w.users.manager).get<{ id: string }[]>('tickets?slaState=breached&limit=200');
    expect(listed.body.data.map((x) => x.id)).toContain(t.id);
    const report = await w.as(w.users.manager).get<{ notifications: { template: string; recipient: string; status: string; sentAt: string | null }[] }>(`sla-report?id=${t.id}`);
    const sent = report.body.data.notifications.map(({ template, recipient }) => ({ template, recipient })).sort((a, b) => `${a.template}${a.recipient}`.localeCompare(`${b.template}${b.recipient}`));
    expect(report.body.data.notifications.every((n) => n.status === 'pending' && n.sentAt === null)).toBe(true);
    const managers = [w.users.manager.email, w.users.manager2.email].sort();
    expect(sent).toEqual(['sla.breach', 'sla.escalation', 'sla.warning'].flatMap((template) => managers.map((recipient) => ({ template, recipient }))));
    w.clock.set(w.at('2026-12-11T17:10'));
    await w.as(w.users.agent).post(`tickets-notes?id=${t.id}`, { body: 'Sorry for the wait', noteType: 'external' });
    const history = (await w.as(w.users.agent).get<{ history: { action: string; details: { met?: boolean } | null }[] }>(`tickets-history?id=${t.id}`)).body.data.history;
    expect(history.find((h) => h.action === 'sla_first_response')?.details?.met).toBe(false);
    // resolution warning: 75 % of 4 h = 3 h -> 19:00, even on a Friday night
    w.clock.set(w.at('2026-12-11T19:00'));
    await sweep();
    expect(await events(t.id)).toContain('1:resolution:warning');
  });
});

describe('a sweep that meets a ticket it cannot compute', () => {
  it('logs it, looks again in five minutes, and carries on with the others in small batches', async () => {
    w.clock.set(w.at('2026-12-14T08:00')); // Monday
    const business = await create({ priority: 'high' });
    const critical = await create({ priority: 'critical' });
    const hours = await w.rows<{ working_hours: unknown }>('SELECT working_hours FROM business_calendars WHERE is_default');
    await w.tdb.db.query(`UPDATE business_calendars SET working_hours = '{"sun":[],"mon":[],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[]}' WHERE is_default`);
    try {
      w.clock.set(w.at('2026-12-14T10:00'));
      await sweep(1);
      expect(await events(critical.id)).toEqual(['1:response:warning', '1:response:escalation', '1:response:breach']);
      expect(await events(business.id)).toEqual([]);
      const [row] = await w.rows<{ sla_next_check_at: Date }>('SELECT sla_next_check_at FROM tickets WHERE id = $1', [business.id]);
      expect(new Date(row.sla_next_check_at).toISOString()).toBe(iso('2026-12-14T10:05'));
    } finally {
      await w.tdb.db.query('UPDATE business_calendars SET working_hours = $1 WHERE is_default', [JSON.stringify(hours[0].working_hours)]);
    }
    w.clock.set(w.at('2026-12-14T10:05'));
    await sweep();
    // high: response warning 09:30, escalation 09:48, breach 10:00 all behind now
    expect(await events(business.id)).toEqual(['1:response:warning', '1:response:escalation', '1:response:breach']);
  });
});
