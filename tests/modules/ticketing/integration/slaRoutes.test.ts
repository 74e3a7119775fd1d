// The SLA routes over HTTP: sla-configs, business-calendar, sla-report, cron-sla and notification-prefs, with their
// permissions and clear 4xx answers that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../helpers/http';
import { slaWorld, type SlaTicket, type SlaWorld } from './slaFixture';

interface Config {
  id: string;
  ticketType: string;
  priority: string;
  responseHours: number;
  resolutionHours: number;
  businessHoursOnly: boolean;
  warningPct: number;
  escalationPct: number;
}
interface Calendar {
  timezone: string;
  holidayCountry: string | null;
  workingHours: Record<string, { start: string; end: string }[]>;
  closedDays: { day: string; reason: string }[];
  publicHolidays: { day: string; name: string }[];
}

let w: SlaWorld;
beforeAll(async () => {
  w = await slaWorld('2026-11-25T08:00');
});
afterAll(async () => w.close());

const fields = (r: { body: { error?: { details?: unknown } } }) => ((r.body.error?.details as { fields: { field: string }[] }).fields ?? []).map((f) => f.field);

describe('sla-configs', () => {
  it('lists the seeded configs, faults as agreed', async () => {
    const r = await w.as(w.users.technician).get<Config[]>('sla-configs?ticketType=fault');
    expect(r.status).toBe(200);
    expect(r.body.data.map((c) => [c.priority, c.responseHours, c.resolutionHours, c.businessHoursOnly])).toEqual([
      ['critical', 1, 4, false],
      ['high', 2, 8, true],
      ['medium', 4, 24, true],
      ['low', 8, 48, true],
    ]);
    expect((await w.as(w.users.agent).get<Config[]>('sla-configs')).body.data).toHaveLength(24);
    expect((await w.as(w.users.agent).get<Config[]>('sla-configs?priority=low&active=true')).body.data).toHaveLength(6);
  });

  it('lets a manager change a config and refuses a combination that makes no sense', async () => {
    const [high] = (await w.as(w.users.manager).get<Config[]>('sla-configs?ticketType=maintenance&priority=high')).body.data;
    const ok = await w.as(w.users.manager).patch<Config>(`sla-configs?id=${high.id}`, { resolutionHours: 12.5, warningPct: 70 });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ resolutionHours: 12.5, warningPct: 70, escalationPct: 90, responseHours: 4 });
    const bad = await w.as(w.users.manager).patch(`sla-configs?id=${high.id}`, { warningPct: 95 });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['escalationPct']);
    const slower = await w.as(w.users.manager).patch(`sla-configs?id=${high.id}`, { responseHours: 20 });
    expect(fields(slower)).toEqual(['responseHours']);
    expect((await w.as(w.users.manager).patch(`sla-configs?id=${high.id}`, {})).status).toBe(400);
    expect((await w.as(w.users.manager).patch('sla-configs?id=00000000-0000-4000-8000-000000000000', { active: false })).status).toBe(404);
    expect((await w.as(w.users.agent).patch(`sla-configs?id=${high.id}`, { active: false })).status).toBe(403);
    const [after] = (await w.as(w.users.manager).get<Config[]>('sla-configs?ticketType=maintenance&priority=high')).body.data;
    expect(after.warningPct).toBe(70);
  });

  it('creates a config for a missing pair and refuses a duplicate or a bad one', async () => {
    await w.tdb.db.query("DELETE FROM sla_configs WHERE ticket_type = 'other' AND priority = 'low'");
    const created = await w.as(w.users.admin).post<Config>('sla-configs', { ticketType: 'other', priority: 'low', responseHours: 24, resolutionHours: 96 });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ businessHoursOnly: true, warningPct: 75, escalationPct: 90 });
    const dup = await w.as(w.users.admin).post('sla-configs', { ticketType: 'other', priority: 'low', responseHours: 1, resolutionHours: 2 });
    expect(dup.status).toBe(409);
    const bad = await w.as(w.users.admin).post('sla-configs', { ticketType: 'other', priority: 'urgent', responseHours: 5, resolutionHours: 2, escalationPct: 50 });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['priority']));
    const cross = await w.as(w.users.admin).post('sla-configs', { ticketType: 'other', priority: 'low', responseHours: 5, resolutionHours: 2, escalationPct: 50 });
    expect(fields(cross)).toEqual(['responseHours', 'escalationPct']);
    expect((await w.as(w.users.agent).post('sla-configs', { ticketType: 'other', priority: 'low', responseHours: 1, resolutionHours: 2 })).status).toBe(403);
  });
});

describe('business-calendar', () => {
  it('shows the hours, the timezone and the public holidays of a year', async () => {
    const r = await w.as(w.users.agent).get<Calendar>('business-calendar?year=2027');
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ timezone: 'Africa/Johannesburg', holidayCountry: 'ZA', closedDays: [] });
    expect(r.body.data.workingHours.mon).toEqual([{ start: '08:00', end: '17:00' }]);
    expect(r.body.data.publicHolidays).toContainEqual({ day: '2027-12-27', name: 'Public Holiday' });
    const thisYear = await w.as(w.users.agent).get<Calendar>('business-calendar');
    expect(thisYear.body.data.publicHolidays).toContainEqual({ day: '2026-12-16', name: 'Day of Reconciliation' });
  });

  it('lets an admin close a day, which then stops the clock, and open it again', async () => {
    const admin = w.as(w.users.admin);
    const added = await admin.post<Calendar>('business-calendar', { day: '2026-11-26', reason: 'Year-end function' });
    expect(added.status).toBe(201);
    expect(added.body.data.closedDays).toEqual([{ day: '2026-11-26', reason: 'Year-end function' }]);
    // high fault at Wed 16:00: 60 today, Thursday closed, Friday 08:00 + 60 -> response due Fri 09:00
    w.clock.set(w.at('2026-11-25T16:00'));
    const t = await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', ticketType: 'fault', priority: 'high', title: 'Slow line', drNumber: await w.drop() });
    expect(t.body.data.firstResponseDueAt).toBe(w.at('2026-11-27T09:00').toISOString());
    expect((await admin.del<Calendar>('business-calendar?day=2026-11-26')).body.data.closedDays).toEqual([]);
    expect((await admin.del('business-calendar?day=2026-11-26')).status).toBe(404);
    expect((await admin.post('business-calendar', { day: '2026-02-30', reason: 'x' })).status).toBe(400);
    expect((await w.as(w.users.manager).post('business-calendar', { day: '2026-12-28', reason: 'x' })).status).toBe(403);
  });

  it('changes working hours and timezone, and refuses unknown zones, countries and overlapping hours', async () => {
    const admin = w.as(w.users.admin);
    const hours = { sun: [], mon: [{ start: '07:00', end: '12:00' }, { start: '13:00', end: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [{ start: '08:00', end: '12:00' }] };
    const ok = await admin.patch<Calendar>('business-calendar', { workingHours: hours, timezone: 'Africa/Harare' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ timezone: 'Africa/Harare', workingHours: hours, holidayCountry: 'ZA' });
    expect((await admin.patch('business-calendar', { timezone: 'Mars/Olympus' })).status).toBe(400);
    expect((await admin.patch('business-calendar', { holidayCountry: 'QQ' })).status).toBe(400);
    const overlap = await admin.patch('business-calendar', { workingHours: { ...hours, mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } });
    expect(overlap.status).toBe(400);
    expect((await admin.patch('business-calendar', { workingHours: { ...hours, mon: [{ start: '12:00', end: '08:00' }] } })).status).toBe(400);
    expect((await admin.patch('business-calendar', { workingHours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } })).status).toBe(400);
    expect((await admin.patch('business-calendar', {})).status).toBe(400);
    const none = await admin.patch<Calendar>('business-calendar', { holidayCountry: null });
    expect(none.body.data.publicHolidays).toEqual([]);
    const back = await admin.patch<Calendar>('business-calendar', {
      timezone: 'Africa/Johannesburg', holidayCountry: 'ZA',
      workingHours: { sun: [], mon: [{ start: '08:00', end: '17:00' }], tue: [{ start: '08:00', end: '17:00' }], wed: [{ start: '08:00', end: '17:00' }], thu: [{ start: '08:00', end: '17:00' }], fri: [{ start: '08:00', end: '17:00' }], sat: [] },
    });
    expect(back.body.data.timezone).toBe('Africa/Johannesburg');
    expect((await w.as(w.users.manager).patch('business-calendar', { timezone: 'UTC' })).status).toBe(403);
  });
});

describe('sla-report', () => {
  it('reports a ticket’s pauses, and paused time per reason over a period', async () => {
    w.clock.set(w.at('2026-11-30T08:00'));
    const t = (await w.as(w.users.agent).post<SlaTicket>('tickets', {
      source: 'whatsapp', ticketType: 'fault', priority: 'medium', title: 'Pole down', drNumber: await w.drop(), assignedTo: w.users.technician.id,
    })).body.data;
    const tech = w.as(w.users.technician);
    await tech.post('tickets-status', { id: t.id, status: 'in_progress' });
    for (const [at, reason] of [['2026-11-30T09:00', 'permit'], ['2026-11-30T11:00', 'weather']] as const) {
      w.clock.set(w.at(at));
      await tech.post('tickets-status', { id: t.id, status: 'blocked', pauseReason: reason });
      w.clock.advanceMinutes(30);
      await tech.post('tickets-status', { id: t.id, status: 'in_progress' });
    }
    const mine = await tech.get<{ ticket: { ticketUid: string }; pauses: { reason: string; pausedBusinessMinutes: number }[]; totals: unknown[] }>(`sla-report?id=${t.id}`);
    expect(mine.body.data.ticket.ticketUid).toBe(t.ticketUid);
    expect(mine.body.data.pauses.map((p) => [p.reason, p.pausedBusinessMinutes])).toEqual([['permit', 30], ['weather', 30]]);
    const all = await w.as(w.users.manager).get<{ totals: { reason: string; pauses: number; businessMinutes: number }[] }>('sla-report?from=2026-11-30&to=2026-11-30');
    expect(all.body.data.totals).toEqual([{ reason: 'permit', pauses: 1, businessMinutes: 30 }, { reason: 'weather', pauses: 1, businessMinutes: 30 }]);
    expect((await w.as(w.users.manager).get<{ totals: unknown[] }>('sla-report?from=2026-12-01')).body.data.totals).toEqual([]);
    expect((await w.as(w.users.manager).get<{ totals: unknown[] }>('sla-report')).body.data.totals).toHaveLength(2);
    // a pause still open counts in the ticket's report with no business time yet
    await tech.post('tickets-status', { id: t.id, status: 'blocked', pauseReason: 'parts' });
    const open = await tech.get<{ totals: { reason: string; pauses: number; businessMinutes: number }[] }>(`sla-report?id=${t.ticketUid}`);
    expect(open.body.data.totals).toContainEqual({ reason: 'parts', pauses: 1, businessMinutes: 0 });
    expect((await tech.get('sla-report')).status).toBe(403);
    const other = (await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', title: 'Other', drNumber: await w.drop() })).body.data;
    expect((await tech.get(`sla-report?id=${other.id}`)).status).toBe(404);
    expect((await tech.get('sla-report?from=30-11-2026')).status).toBe(400);
  });
});

describe('cron-sla', () => {
  it('runs the sweep for a caller with the cron secret and refuses anyone else with 401', async () => {
    const secret = w.server.config.CRON_SECRET as string;
    expect((await call(w.server.url, 'POST', 'cron-sla')).status).toBe(401);
    expect((await call(w.server.url, 'POST', 'cron-sla', { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
    expect((await call(w.server.url, 'POST', 'cron-sla', { token: w.users.admin.token })).status).toBe(401);
    const bearer = await call<{ warned: number }>(w.server.url, 'POST', 'cron-sla', { headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.body.data).toEqual({ warned: expect.any(Number), escalated: expect.any(Number), breached: expect.any(Number) });
    const header = await call(w.server.url, 'POST', 'cron-sla', { headers: { 'x-cron-secret': secret } });
    expect(header.body.data).toEqual({ warned: 0, escalated: 0, breached: 0 });
    expect((await call(w.server.url, 'PUT', 'cron-sla')).status).toBe(405);
  });
});

describe('notification-prefs', () => {
  it('shows and changes the caller’s own preferences', async () => {
    const me = w.as(w.users.technician);
    expect((await me.get('notification-prefs')).body.data).toEqual({ email: true, whatsapp: false, muted: [] });
    const r = await me.patch('notification-prefs', { whatsapp: true, muted: ['sla.warning'] });
    expect(r.body.data).toEqual({ email: true, whatsapp: true, muted: ['sla.warning'] });
    expect((await me.get('notification-prefs')).body.data).toEqual({ email: true, whatsapp: true, muted: ['sla.warning'] });
    expect((await me.patch('notification-prefs', { muted: ['sla.nope'] })).status).toBe(400);
    expect((await me.patch('notification-prefs', {})).status).toBe(400);
    expect((await call(w.server.url, 'GET', 'notification-prefs')).status).toBe(401);
  });
});

describe('without a calendar row', () => {
  it('answers 404 for the calendar and still sets targets on the built-in Mon-Fri 08:00-17:00 calendar', async () => {
    await w.tdb.db.query('DELETE FROM business_calendars');
    expect((await w.as(w.users.agent).get('business-calendar')).status).toBe(404);
    expect((await w.as(w.users.admin).post('business-calendar', { day: '2026-12-28', reason: 'Shutdown' })).status).toBe(404);
    w.clock.set(w.at('2026-12-01T16:00'));
    const t = await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', ticketType: 'fault', priority: 'high', title: 'No calendar', drNumber: await w.drop() });
    // Tue 16:00 + 2 h: 60 today, Wed 08:00 + 60 -> Wed 09:00
    expect(t.body.data.firstResponseDueAt).toBe(w.at('2026-12-02T09:00').toISOString());
  });
});
