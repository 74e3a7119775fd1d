// The technician's arrival time on its own: the range rule, its canonical form, the datetime-local conversion in the
// business timezone, and how the history shows it.
import { describe, expect, it } from 'vitest';
import { canonicalEta, checkEta, ETA_MAX_AHEAD_DAYS } from '@/src/modules/ticketing/services/eta';
import { fromLocalInput, toLocalInput } from '@/src/modules/ticketing/components/tickets/etaModel';
import { buildTimeline } from '@/src/modules/ticketing/components/tickets/timelineModel';
import { hasPermission } from '@/src/modules/ticketing/services/permissions';

const now = new Date('2026-11-25T08:30:00Z');

describe('the arrival time rule', () => {
  it('keeps one canonical instant whatever the offset, and null as null', () => {
    expect(canonicalEta('2026-11-25T14:30:00+02:00')).toBe('2026-11-25T12:30:00.000Z');
    expect(canonicalEta(null)).toBeNull();
    expect(checkEta(null, now)).toEqual({ ok: true, etaAt: null });
  });

  it.each([
    ['five minutes ago', '2026-11-25T08:25:00Z', true],
    ['just over five minutes ago', '2026-11-25T08:24:59Z', false],
    [`exactly ${ETA_MAX_AHEAD_DAYS} days ahead`, '2027-01-24T08:30:00Z', true],
    [`a second over ${ETA_MAX_AHEAD_DAYS} days ahead`, '2027-01-24T08:30:01Z', false],
  ])('%s: allowed %s', (_name, at, ok) => {
    expect(checkEta(at, now).ok).toBe(ok);
  });

  it('says in words why a time is refused', () => {
    expect(checkEta('2026-11-24T08:30:00Z', now)).toEqual({ ok: false, message: 'The arrival time is in the past: pick a time from now on' });
    expect(checkEta('2027-03-01T08:30:00Z', now)).toEqual({ ok: false, message: 'The arrival time is more than 60 days ahead: pick a nearer time' });
  });

  it('may be set by technicians, agents and managers, not by finance', () => {
    expect(['technician', 'agent', 'manager', 'admin', 'finance'].map((r) => hasPermission(r, 'tickets:eta'))).toEqual([true, true, true, true, false]);
    expect(hasPermission('technician', 'tickets:update')).toBe(false);
  });
});

describe('the arrival input', () => {
  it('reads and writes wall-clock time in South African time', () => {
    expect(toLocalInput('2026-11-25T12:30:00.000Z', 'Africa/Johannesburg')).toBe('2026-11-25T14:30');
    expect(toLocalInput('2026-11-25T23:15:00Z', 'Africa/Johannesburg')).toBe('2026-11-26T01:15');
    expect(toLocalInput(null, 'Africa/Johannesburg')).toBe('');
    expect(fromLocalInput('2026-11-25T14:30', 'Africa/Johannesburg')).toBe('2026-11-25T14:30:00.000+02:00');
    expect(canonicalEta(fromLocalInput(' 2026-11-26T01:15 ', 'Africa/Johannesburg'))).toBe('2026-11-25T23:15:00.000Z');
    expect(fromLocalInput('2026-11-25', 'Africa/Johannesburg')).toBeNull();
    expect(fromLocalInput('', 'Africa/Johannesburg')).toBeNull();
  });
});

describe('the arrival time in the history', () => {
  it('shows set, moved and cleared in the standard date format, never as a raw instant', () => {
    const row = (id: number, oldValue: string | null, newValue: string | null) => ({
      id, ticketId: 't', actorId: null, actorName: 'Thabo', action: 'updated', field: 'etaAt', oldValue, newValue, details: null, createdAt: `2026-11-25T08:0${id}:00Z`,
    });
    const items = buildTimeline({ history: [row(1, null, '2026-11-25T12:30:00.000Z'), row(2, '2026-11-25T12:30:00.000Z', '2026-11-26T06:00:00.000Z'), row(3, '2026-11-26T06:00:00.000Z', null)], assignments: [] }, []);
    expect(items.map((i) => (i.kind === 'event' ? i.text : ''))).toEqual([
      'Technician’s arrival set to 25 Nov 2026, 14:30',
      'Technician’s arrival set to 26 Nov 2026, 08:00 (was 25 Nov 2026, 14:30)',
      'Technician’s arrival cleared (was 26 Nov 2026, 08:00)',
    ]);
  });
});
