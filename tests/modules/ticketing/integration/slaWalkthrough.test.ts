// A high-priority fault walked through time over HTTP: targets on creation, first response, a pause over the night
// that moves the due time, then its warning, escalation and breach exactly once each (sweeps repeated and raced),
// and the mails arriving at the loopback SMTP server through the outbox.
//
// Fault / high = 2 h response, 8 h resolution in business hours (Mon-Fri 08:00-17:00 Johannesburg).
// Created Wed 2026-11-25 08:00 -> first response due Wed 10:00, resolution due Wed 16:00.
// Blocked Wed 11:00 -> unblocked Thu 09:00: paused business time = Wed 11-17 (360) + Thu 08-09 (60) = 420 min,
// so resolution due = 480 + 420 = 900 business min after Wed 08:00 = Wed 540 + Thu 360 -> Thu 14:00.
// Warning 75 % = 360 + 420 = 780 -> Thu 12:00; escalation 90 % = 432 + 420 = 852 -> Thu 13:12; breach -> Thu 14:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import { runSlaSweep } from '@/src/modules/ticketing/jobs/slaSweep';
import { slaWorld, type SlaTicket, type SlaWorld } from './slaFixture';

let w: SlaWorld;
let t: SlaTicket;

beforeAll(async () => {
  w = await slaWorld('2026-11-25T08:00');
});
afterAll(async () => w.close());

const iso = (local: string) => w.at(local).toISOString();
const sweep = () => runSlaSweep(w.deps());
const detail = async () => (await w.as(w.users.agent).get<SlaTicket>(`tickets-detail?id=${t.id}`)).body.data;

describe('a high fault walked through time', () => {
  it('gets its response and resolution targets from the fault / high config when created', async () => {
    const res = await w.as(w.users.agent).post<SlaTicket>('tickets', {
      source: 'whatsapp', ticketType: 'fault', priority: 'high', title: 'No light on the ONT', drNumber: await w.drop(), assignedTo: w.users.technician.id,
    });
    expect(res.status).toBe(201);
    t = res.body.data;
    expect(t.firstResponseDueAt).toBe(iso('2026-11-25T10:00'));
    expect(t.dueAt).toBe(iso('2026-11-25T16:00'));
    expect(t.sla).toMatchObject({ state: 'on_track', percentElapsed: 0, responsePercentElapsed: 0, paused: false, breached: false });
  });

  it('stops the first-response clock at the first external note', async () => {
    w.clock.set(w.at('2026-11-25T09:00'));
    const note = await w.as(w.users.agent).post(`tickets-notes?id=${t.id}`, { body: 'A technician is on the way', noteType: 'external' });
    expect(note.status).toBe(201);
    const d = await detail();
    expect(d.firstRespondedAt).toBe(iso('2026-11-25T09:00'));
    // 60 of 120 minutes used when it was answered; resolution 60 of 480 = 12.5 %
    expect(d.sla.responsePercentElapsed).toBe(50);
    expect(d.sla.percentElapsed).toBe(12.5);
  });

  it('stops the resolution clock while blocked and fires nothing past the original due time', async () => {
    w.clock.set(w.at('2026-11-25T11:00'));
    for (const status of ['in_progress', 'blocked']) {
      const r = await w.as(w.users.technician).post('tickets-status', { id: t.id, status, ...(status === 'blocked' ? { pauseReason: 'parts', reason: 'Waiting for a splitter' } : {}) });
      expect(r.status).toBe(200);
    }
    w.clock.set(w.at('2026-11-25T16:30'));
    expect(await sweep()).toEqual({ warned: 0, escalated: 0, breached: 0 });
    const d = await detail();
    // frozen at 11:00: 180 of 480 = 37.5 %
    expect(d.sla).toMatchObject({ state: 'paused', paused: true, percentElapsed: 37.5 });
  });

  it('moves the due time by the paused business time when work resumes', async () => {
    w.clock.set(w.at('2026-11-26T09:00'));
    const r = await w.as(w.users.technician).post<SlaTicket>('tickets-status', { id: t.id, status: 'in_progress' });
    expect(r.status).toBe(200);
    expect(r.body.data.dueAt).toBe(iso('2026-11-26T14:00'));
    expect(r.body.data.sla).toMatchObject({ state: 'on_track', paused: false, percentElapsed: 37.5 });
    const [pause] = await w.rows<{ reason: string; paused_business_minutes: number; note: string }>('SELECT reason, paused_business_minutes, note FROM sla_pauses WHERE ticket_id = $1', [t.id]);
    expect(pause).toEqual({ reason: 'parts', paused_business_minutes: 420, note: 'Waiting for a splitter' });
    const report = await w.as(w.users.manager).get<{ totals: unknown[] }>(`sla-report?id=${t.ticketUid}`);
    expect(report.body.data.totals).toEqual([{ reason: 'parts', pauses: 1, businessMinutes: 420 }]);
  });

  it('warns the assignee once at 75 %', async () => {
    w.clock.set(w.at('2026-11-26T11:59'));
    expect(await sweep()).toEqual({ warned: 0, escalated: 0, breached: 0 });
    w.clock.set(w.at('2026-11-26T12:00'));
    expect(await sweep()).toEqual({ warned: 1, escalated: 0, breached: 0 });
    expect(await sweep()).toEqual({ warned: 0, escalated: 0, breached: 0 });
    expect((await detail()).sla.state).toBe('warning');
  });

  it('escalates to managers once at 90 %, even when two sweeps race', async () => {
    w.clock.set(w.at('2026-11-26T13:12'));
    const results = await Promise.all([sweep(), sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.warned + r.breached, 0)).toBe(0);
    expect((await detail()).sla.state).toBe('escalated');
  });

  it('marks the breach once at 100 %', async () => {
    w.clock.set(w.at('2026-11-26T14:00'));
    const results = await Promise.all([sweep(), sweep()]);
    expect(results.reduce((n, r) => n + r.breached, 0)).toBe(1);
    w.clock.set(w.at('2026-11-26T16:00'));
    expect(await sweep()).toEqual({ warned: 0, escalated: 0, breached: 0 });
    const d = await detail();
    expect(d.sla).toMatchObject({ state: 'breached', breached: true, breachedAt: iso('2026-11-26T14:00') });
    // Thu 14:00 -> 16:00 = 120 more minutes: 600 of 480 = 125 %
    expect(d.sla.percentElapsed).toBe(125);
  });

  it('recorded each threshold once in sla_events and in the history', async () => {
    const events = await w.rows<{ target: string; threshold: string; cycle: number; threshold_at: Date }>(
      'SELECT target, threshold, cycle, threshold_at FROM sla_events WHERE ticket_id = $1 ORDER BY threshold_at', [t.id]);
    expect(events.map((e) => [e.target, e.threshold, e.cycle, new Date(e.threshold_at).toISOString()])).toEqual([
      ['resolution', 'warning', 1, iso('2026-11-26T12:00')],
      ['resolution', 'escalation', 1, iso('2026-11-26T13:12')],
      ['resolution', 'breach', 1, iso('2026-11-26T14:00')],
    ]);
    const history = await w.as(w.users.agent).get<{ history: { action: string }[] }>(`tickets-history?id=${t.id}`);
    const actions = history.body.data.history.map((h) => h.action).filter((a) => a.startsWith('sla_'));
    expect(actions).toEqual(['sla_targets_set', 'sla_first_response', 'sla_paused', 'sla_resumed', 'sla_warning', 'sla_escalation', 'sla_breach']);
  });

  it('delivers the mails through the outbox to the SMTP server: warning to the assignee, escalation to managers, breach to both', async () => {
    const result = await processOutboxBatch(w.deps(), { limit: 50 });
    // Six SLA mails, plus the notice that told the technician the ticket was assigned to them.
    expect(result).toMatchObject({ sent: 7, failed: 0, dead: 0 });
    expect(w.smtp.mails.filter((m) => m.subject.includes('Assigned to you')).flatMap((m) => m.to)).toEqual([w.users.technician.email]);
    const to = (word: string) => w.smtp.mails.filter((m) => m.subject.includes(word)).flatMap((m) => m.to).sort();
    const { technician, manager, manager2 } = w.users;
    expect(to('SLA warning')).toEqual([technician.email]);
    expect(to('SLA escalation')).toEqual([manager.email, manager2.email].sort());
    expect(to('SLA breached')).toEqual([technician.email, manager.email, manager2.email].sort());
    expect(w.smtp.mails.every((m) => m.subject.startsWith(`[${t.ticketUid}]`) && /^<notification-[0-9a-f-]+@fibreflow>$/.test(m.messageId))).toBe(true);
    const report = await w.as(w.users.manager).get<{ events: unknown[]; notifications: { status: string; channel: string }[] }>(`sla-report?id=${t.id}`);
    expect(report.body.data.events).toHaveLength(3);
    expect(report.body.data.notifications).toHaveLength(7);
    expect(report.body.data.notifications.every((n) => n.status === 'sent' && n.channel === 'email')).toBe(true);
  });
});
