// The pure SLA rules around the calculator: which thresholds are due and when to look next, which targets a ticket
// gets (config or contract), what counts as a first response, and the SLA view's state and percentages.
import { describe, expect, it } from 'vitest';
import { AROUND_THE_CLOCK, defaultCalendar } from '@/src/modules/ticketing/services/sla/businessCalendar';
import { clockRunning, nextCheckAt, planChecks, thresholdPoints, type SlaSnapshot } from '@/src/modules/ticketing/services/sla/slaPlan';
import { chooseTargets } from '@/src/modules/ticketing/services/sla/slaTargets';
import { isFirstResponse } from '@/src/modules/ticketing/services/sla/ticketSlaHooks';
import { describeSla } from '@/src/modules/ticketing/services/sla/slaView';
import type { TicketSla } from '@/src/modules/ticketing/db/slaRepo';
import type { SlaConfig } from '@/src/modules/ticketing/types/sla';
import type { Ticket } from '@/src/modules/ticketing/types/tickets';

const cal = defaultCalendar();
const sast = (local: string) => new Date(`${local}+02:00`);

// Fault / high created Wed 2026-11-25 08:00: response 2 h (75 % = 90 min -> 09:30, 90 % = 108 -> 09:48, 100 % -> 10:00),
// resolution 8 h (75 % = 360 -> 14:00, 90 % = 432 -> 15:12, 100 % -> 16:00).
const snap = (o: Partial<SlaSnapshot> = {}): SlaSnapshot => ({
  status: 'in_progress', deleted: false, paused: false, createdAt: sast('2026-11-25T08:00'), responseSeconds: 7200, resolutionSeconds: 28800,
  warningPct: 75, escalationPct: 90, responseWarningPct: 75, responseEscalationPct: 90, pausedSeconds: 0, firstRespondedAt: null, ...o,
});

describe('planChecks and nextCheckAt', () => {
  it('lists six thresholds while the first response is awaited, three after it', () => {
    expect(thresholdPoints(cal, snap()).map((p) => `${p.target}:${p.threshold}@${p.at.toISOString()}`)).toEqual([
      `response:warning@${sast('2026-11-25T09:30').toISOString()}`,
      `response:escalation@${sast('2026-11-25T09:48').toISOString()}`,
      `response:breach@${sast('2026-11-25T10:00').toISOString()}`,
      `resolution:warning@${sast('2026-11-25T14:00').toISOString()}`,
      `resolution:escalation@${sast('2026-11-25T15:12').toISOString()}`,
      `resolution:breach@${sast('2026-11-25T16:00').toISOString()}`,
    ]);
    expect(thresholdPoints(cal, snap({ firstRespondedAt: sast('2026-11-25T09:00') }))).toHaveLength(3);
    expect(thresholdPoints(cal, snap({ responseSeconds: null, resolutionSeconds: null }))).toEqual([]);
  });

  it('fires what is crossed and unfired, and looks again at the next threshold ahead', () => {
    const plan = planChecks(cal, snap(), new Set(['response:warning']), sast('2026-11-25T09:50'));
    expect(plan.due.map((p) => `${p.target}:${p.threshold}`)).toEqual(['response:escalation']);
    expect(plan.nextCheckAt).toEqual(sast('2026-11-25T10:00'));
    const late = planChecks(cal, snap({ firstRespondedAt: sast('2026-11-25T09:00') }), new Set(), sast('2026-11-25T17:00'));
    expect(late.due.map((p) => p.threshold)).toEqual(['warning', 'escalation', 'breach']);
    expect(late.nextCheckAt).toBeNull();
  });

  it('stands the clock still when blocked, paused, finished or deleted', () => {
    for (const o of [{ status: 'blocked' }, { paused: true }, { status: 'resolved' }, { status: 'cancelled' }, { deleted: true }]) {
      expect(clockRunning(snap(o))).toBe(false);
      expect(planChecks(cal, snap(o), new Set(), sast('2026-11-26T08:00'))).toEqual({ due: [], nextCheckAt: null });
      expect(nextCheckAt(cal, snap(o), new Set())).toBeNull();
    }
    expect(clockRunning(snap({ status: 'pending_approval' }))).toBe(true);
  });

  it('points a hook at the earliest unfired threshold, even one already behind', () => {
    expect(nextCheckAt(cal, snap(), new Set())).toEqual(sast('2026-11-25T09:30'));
    expect(nextCheckAt(cal, snap(), new Set(['response:warning', 'response:escalation', 'response:breach']))).toEqual(sast('2026-11-25T14:00'));
    // paused 120 business minutes so far: resolution warning at 360 + 120 = 480 -> 16:00
    expect(nextCheckAt(cal, snap({ firstRespondedAt: sast('2026-11-25T09:00'), pausedSeconds: 7200 }), new Set())).toEqual(sast('2026-11-25T16:00'));
  });
});

describe('chooseTargets', () => {
  const config = {
    id: 'cfg', ticketType: 'fault', priority: 'high', responseHours: 2, resolutionHours: 8, businessHoursOnly: true, warningPct: 70,
    escalationPct: 85, responseWarningPct: 60, responseEscalationPct: 80, active: true, createdAt: '', updatedAt: '',
  } as SlaConfig;

  it('takes the config for the type and priority', () => {
    expect(chooseTargets(config, null)).toEqual({
      source: 'config', configId: 'cfg', contractId: null, businessHours: true, responseSeconds: 7200, resolutionSeconds: 28800,
      warningPct: 70, escalationPct: 85, responseWarningPct: 60, responseEscalationPct: 80,
    });
  });

  it('lets a contract with its own hours win, filling a missing hour from the config', () => {
    const contract = { contractId: 'k', responseHours: null, resolutionHours: 4, businessHoursOnly: false };
    expect(chooseTargets(config, contract)).toMatchObject({ source: 'contract', contractId: 'k', configId: 'cfg', businessHours: false, responseSeconds: 7200, resolutionSeconds: 14400, warningPct: 70 });
    // no config at all: only the contract's hours, default thresholds
    expect(chooseTargets(null, { ...contract, responseHours: 1.5 })).toMatchObject({ responseSeconds: 5400, resolutionSeconds: 14400, warningPct: 75, escalationPct: 90 });
    expect(chooseTargets(null, contract)).toMatchObject({ responseSeconds: null, resolutionSeconds: 14400 });
  });

  it('ignores a contract without hours and gives nothing without any source', () => {
    expect(chooseTargets(config, { contractId: 'k', responseHours: null, resolutionHours: null, businessHoursOnly: true })?.source).toBe('config');
    expect(chooseTargets(null, null)).toBeNull();
  });
});

describe('isFirstResponse', () => {
  const agent = { id: 'u1', name: 'Agent', role: 'agent' };
  const system = { id: null, name: 'System', role: 'system' };
  it('counts an external note or an outbound WhatsApp or email message by a person', () => {
    expect(isFirstResponse(agent, { noteType: 'external', channel: 'web' })).toBe(true);
    expect(isFirstResponse(agent, { noteType: 'internal', channel: 'whatsapp' })).toBe(true);
    expect(isFirstResponse(agent, { noteType: 'internal', channel: 'email' })).toBe(true);
    expect(isFirstResponse(agent, { noteType: 'internal', channel: 'web' })).toBe(false);
    expect(isFirstResponse(agent, { noteType: 'internal', channel: null })).toBe(false);
    expect(isFirstResponse(agent, { noteType: 'system', channel: 'whatsapp' })).toBe(false);
    expect(isFirstResponse(agent, { noteType: 'external', channel: 'whatsapp', direction: 'inbound' })).toBe(false);
    // a customer's inbound message (recorded by the system) is not our response
    expect(isFirstResponse(system, { noteType: 'external', channel: 'whatsapp' })).toBe(false);
  });
});

describe('describeSla', () => {
  const ticket = (o: Partial<Ticket> = {}) =>
    ({ status: 'in_progress', firstResponseDueAt: sast('2026-11-25T10:00').toISOString(), firstRespondedAt: null, dueAt: sast('2026-11-25T16:00').toISOString(),
      slaPaused: false, slaWarningAt: null, slaEscalatedAt: null, slaBreachedAt: null, ...o }) as Ticket;
  const sla = (o: Partial<TicketSla> = {}) =>
    ({ ...snap(), source: 'config', businessHours: true, dueAt: sast('2026-11-25T16:00'), firstResponseDueAt: sast('2026-11-25T10:00'), pausedAt: null,
      resolvedAt: null, closedAt: null, updatedAt: sast('2026-11-25T08:00'), warningAt: null, escalatedAt: null, breachedAt: null, firstResponseBreachedAt: null, ...o }) as TicketSla;
  const at = (s: TicketSla, local: string, t = ticket()) => describeSla(cal, t, s, sast(local));

  it('is none without targets', () => {
    expect(at(sla({ source: null }), '2026-11-25T09:00', ticket({ dueAt: null }))).toMatchObject({ state: 'none', percentElapsed: null, breached: false });
  });

  it('is on track, then warning and escalated by either target, then breached', () => {
    // 09:00: response 60/120 = 50 %, resolution 60/480 = 12.5 %
    expect(at(sla(), '2026-11-25T09:00')).toMatchObject({ state: 'on_track', responsePercentElapsed: 50, percentElapsed: 12.5 });
    // 09:30: response 75 %
    expect(at(sla(), '2026-11-25T09:30').state).toBe('warning');
    // 09:48: response 90 %
    expect(at(sla(), '2026-11-25T09:48').state).toBe('escalated');
    // 10:00: response 100 % -> breached
    expect(at(sla(), '2026-11-25T10:00')).toMatchObject({ state: 'breached', breached: true, breachedAt: null });
    // answered at 09:00: only resolution counts; 14:00 = 75 %, 15:12 = 90 %, 16:00 = 100 %
    const answered = sla({ firstRespondedAt: sast('2026-11-25T09:00') });
    expect(at(answered, '2026-11-25T13:00')).toMatchObject({ state: 'on_track', responsePercentElapsed: 50 });
    expect(at(answered, '2026-11-25T14:00').state).toBe('warning');
    expect(at(answered, '2026-11-25T15:12').state).toBe('escalated');
    // Thu 09:00 = Wed 540 + Thu 60 = 600 of 480 = 125 %
    expect(at(answered, '2026-11-26T09:00')).toMatchObject({ state: 'breached', percentElapsed: 125 });
  });

  it('trusts the stored marks of the sweep', () => {
    const answered = { firstRespondedAt: sast('2026-11-25T09:00') };
    expect(at(sla({ ...answered, warningAt: sast('2026-11-25T09:00') }), '2026-11-25T09:00').state).toBe('warning');
    expect(at(sla({ ...answered, escalatedAt: sast('2026-11-25T09:00') }), '2026-11-25T09:00').state).toBe('escalated');
    const b = at(sla({ ...answered, breachedAt: sast('2026-11-25T10:00'), firstResponseBreachedAt: sast('2026-11-25T10:00') }), '2026-11-25T09:00');
    expect(b).toMatchObject({ state: 'breached', breachedAt: sast('2026-11-25T10:00').toISOString() });
  });

  it('freezes while paused and after finishing', () => {
    const answered = { firstRespondedAt: sast('2026-11-25T09:00') };
    // paused at 11:00: 180 / 480 = 37.5 % whatever the time now
    expect(at(sla({ ...answered, paused: true, pausedAt: sast('2026-11-25T11:00') }), '2026-11-26T12:00')).toMatchObject({ state: 'paused', percentElapsed: 37.5 });
    // resolved at 12:00: 240 / 480 = 50 %
    const resolved = sla({ ...answered, status: 'resolved', resolvedAt: sast('2026-11-25T12:00') });
    expect(at(resolved, '2026-11-27T12:00', ticket({ status: 'resolved' }))).toMatchObject({ state: 'met', percentElapsed: 50 });
    const closed = sla({ ...answered, status: 'closed', closedAt: sast('2026-11-25T12:00') });
    expect(at(closed, '2026-11-27T12:00', ticket({ status: 'closed' })).percentElapsed).toBe(50);
    const cancelled = sla({ ...answered, status: 'cancelled', updatedAt: sast('2026-11-25T12:00') });
    expect(at(cancelled, '2026-11-27T12:00', ticket({ status: 'cancelled' }))).toMatchObject({ state: 'none', percentElapsed: 50 });
    // a ticket resolved late stays breached
    const late = sla({ ...answered, status: 'resolved', resolvedAt: sast('2026-11-26T12:00') });
    expect(at(late, '2026-11-27T12:00', ticket({ status: 'resolved' })).state).toBe('breached');
  });

  it('counts every hour for an around-the-clock target, and treats a missing flag as business hours', () => {
    // critical: due 4 h after Sat 22:00 = Sun 02:00; at Sun 01:00 = 180 / 240 = 75 %
    const s = sla({ businessHours: false, createdAt: sast('2026-11-28T22:00'), resolutionSeconds: 14400, responseSeconds: null, firstResponseDueAt: null, dueAt: sast('2026-11-29T02:00') });
    expect(describeSla(AROUND_THE_CLOCK, ticket({ firstResponseDueAt: null }), s, sast('2026-11-29T01:00'))).toMatchObject({ percentElapsed: 75, responsePercentElapsed: null, state: 'warning' });
    expect(at(sla({ businessHours: null }), '2026-11-25T09:00').percentElapsed).toBe(12.5);
    // a contract with a response target only: no resolution percentage
    expect(at(sla({ resolutionSeconds: null, dueAt: null }), '2026-11-25T09:00')).toMatchObject({ percentElapsed: null, responsePercentElapsed: 50, state: 'on_track' });
  });
});
