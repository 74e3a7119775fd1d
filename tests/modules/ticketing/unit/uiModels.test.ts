// The screens' pure rules: SLA colours, form bodies per source, URL filters, role-based menus, the timeline, money input.
import { describe, expect, it } from 'vitest';
import { slaBadge, slaText, slaTone } from '@/src/modules/ticketing/components/tickets/SLAIndicator';
import { buildCreateBody, buildUpdateBody, EMPTY_FORM, valuesFromTicket } from '@/src/modules/ticketing/components/tickets/formModel';
import { buildTimeline } from '@/src/modules/ticketing/components/tickets/timelineModel';
import { activeHref, visibleNavigation } from '@/src/modules/ticketing/components/layout/navigation';
import { centsToInput, formatDate, formatDateTime, formatDuration, parseRand, setDisplayTimeZone } from '@/src/modules/ticketing/components/format';
import { parseIntervals } from '@/src/modules/ticketing/components/admin/WorkingHoursForm';
import { mergeFilters, pickFilters } from '@/src/modules/ticketing/hooks/useListFilters';
import { safeNext } from '@/src/modules/ticketing/hooks/urls';
import { ApiError } from '@/src/modules/ticketing/hooks/api';
import { ROLE_PERMISSIONS } from '@/src/modules/ticketing/services/permissions';
import type { SlaStateView } from '@/src/modules/ticketing/types/tickets';
import type { TicketView } from '@/src/modules/ticketing/hooks/types';

const sla = (o: Partial<SlaStateView>): SlaStateView => ({
  state: 'on_track', firstResponseDueAt: null, firstRespondedAt: null, dueAt: '2026-11-25T12:00:00Z', percentElapsed: null, responsePercentElapsed: null,
  paused: false, breached: false, warningAt: null, escalatedAt: null, breachedAt: null, ...o,
});

describe('SLA indicator', () => {
  it('turns amber at 75 % and red at 90 % of the target', () => {
    expect(slaTone(sla({ percentElapsed: 74.9 }))).toBe('green');
    expect(slaTone(sla({ percentElapsed: 75 }))).toBe('amber');
    expect(slaTone(sla({ percentElapsed: 89 }))).toBe('amber');
    expect(slaTone(sla({ percentElapsed: 90 }))).toBe('red');
  });

  it('falls back to the thresholds the engine recorded, and greys out paused, met and absent clocks', () => {
    expect(slaTone(sla({ state: 'warning' }))).toBe('amber');
    expect(slaTone(sla({ state: 'escalated' }))).toBe('red');
    expect(slaTone(sla({ state: 'breached', breached: true }))).toBe('red');
    expect(slaTone(sla({ state: 'paused', percentElapsed: 95 }))).toBe('grey');
    expect(slaTone(sla({ state: 'met' }))).toBe('grey');
    expect(slaTone(sla({ state: 'none', dueAt: null }))).toBe('grey');
  });

  it('names the clock it shows: the first response while it is owed, then the resolution', () => {
    const now = Date.parse('2026-11-25T09:55:00Z');
    expect(slaText(sla({}), now)).toBe('Resolution: 2 h 5 min left');
    expect(slaText(sla({ breached: true }), Date.parse('2026-11-27T13:00:00Z'))).toBe('Resolution overdue by 2 d 1 h');
    expect(slaText(sla({ firstResponseDueAt: '2026-11-25T10:00:00Z' }), now)).toBe('Response due in 5 min');
    expect(slaText(sla({ firstResponseDueAt: '2026-11-25T09:00:00Z' }), now)).toBe('Response overdue by 55 min');
    expect(slaText(sla({ state: 'paused' }), now)).toBe('SLA paused');
    expect(slaText(sla({ state: 'none', dueAt: null }), now)).toBe('No SLA');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
  });

  it('a late first response does not make a running resolution clock say overdue (AH-000002)', () => {
    const late = sla({ state: 'breached', breached: true, firstResponseDueAt: '2026-11-20T10:00:00Z', firstRespondedAt: '2026-11-20T12:00:00Z', dueAt: '2026-12-08T10:00:00Z', percentElapsed: 23 });
    const b = slaBadge(late, Date.parse('2026-11-28T12:00:00Z'));
    expect(b).toMatchObject({ clock: 'resolution', text: 'Resolution: 9 d 22 h left', percent: 23, tone: 'green' });
  });

  it('shows the outcome on a finished ticket, never a running clock', () => {
    const now = Date.parse('2026-12-30T00:00:00Z');
    expect(slaText(sla({ state: 'met' }), now, '2026-11-25T11:00:00Z')).toBe('Resolution met');
    expect(slaText(sla({ state: 'breached', breached: true }), now, '2026-11-25T14:00:00Z')).toBe('Resolution breached by 2 h 0 min');
    expect(slaText(sla({ state: 'met', firstResponseDueAt: '2026-11-25T08:00:00Z', firstRespondedAt: '2026-11-25T09:00:00Z' }), now, '2026-11-25T11:00:00Z')).toBe('Resolution met (response late)');
    expect(slaBadge(sla({ state: 'met' }), now).tone).toBe('grey');
  });
});

describe('ticket form bodies', () => {
  it('sends what the source needs: a DR for WhatsApp, a QContact reference for QContact, no DR for ad hoc work', () => {
    const base = { ...EMPTY_FORM, title: ' No signal ', drNumber: 'dr1734315', qcontactRef: 'ft490441', reporterName: '' };
    expect(buildCreateBody({ ...base, source: 'whatsapp' })).toEqual({ source: 'whatsapp', ticketType: 'fault', priority: 'medium', title: 'No signal', drNumber: 'DR1734315' });
    expect(buildCreateBody({ ...base, source: 'qcontact' })).toMatchObject({ qcontactRef: 'FT490441', drNumber: 'DR1734315' });
    expect(buildCreateBody({ ...base, source: 'adhoc' })).not.toHaveProperty('drNumber');
    expect(buildCreateBody({ ...EMPTY_FORM })).toMatchObject({ title: '' });
  });

  it('sends only changed fields on edit, a cleared one as null, with the version read', () => {
    const t = { source: 'internal', ticketType: 'fault', priority: 'low', title: 'Old', description: 'Keep', category: 'x', drNumber: null, reporterName: 'Jane',
      reporterPhone: null, reporterEmail: null, address: null, assignedTo: null, version: 7 } as unknown as TicketView;
    const v = { ...valuesFromTicket(t), title: 'New', category: '', priority: 'high' };
    expect(buildUpdateBody(v, t)).toEqual({ version: 7, title: 'New', category: null, priority: 'high' });
  });
});

describe('list filters in the URL', () => {
  it('keeps known filters, joins repeated keys, and drops emptied ones', () => {
    expect(pickFilters({ status: ['new', 'triaged'], priority: 'high', junk: 'x', q: '' })).toEqual({ status: 'new,triaged', priority: 'high' });
    expect(mergeFilters({ status: 'new', q: 'a' }, { q: '', priority: 'low' })).toEqual({ status: 'new', priority: 'low' });
  });

  it('follows only same-site paths after login', () => {
    expect(safeNext('/ticketing/tickets?x=1', 'http://localhost:3000')).toBe('/ticketing/tickets?x=1');
    expect(safeNext('//evil.example', 'http://localhost:3000')).toBe('/ticketing');
    expect(safeNext('https://evil.example', 'http://localhost:3000')).toBe('/ticketing');
    expect(safeNext(['/a'], 'http://localhost:3000')).toBe('/ticketing');
  });
});

describe('menus by role', () => {
  const can = (role: keyof typeof ROLE_PERMISSIONS) => (p?: string) => !p || (ROLE_PERMISSIONS[role] as readonly string[]).includes(p);
  const labels = (role: keyof typeof ROLE_PERMISSIONS) => visibleNavigation(can(role)).flatMap((s) => s.items.map((i) => i.label));

  it('shows each role only its screens and never the planned ones', () => {
    expect(labels('technician')).toEqual(['Dashboard', 'Tickets', 'SLA rules', 'Business calendar']);
    expect(labels('manager')).toContain('Approvals');
    expect(labels('agent')).not.toContain('Approvals');
    expect(labels('admin')).toContain('Outbox');
    expect(labels('admin')).not.toContain('Email');
    expect(labels('agent')).toContain('WhatsApp');
  });

  it('marks the most specific menu entry as current', () => {
    const sections = visibleNavigation(can('admin'));
    expect(activeHref('/ticketing/tickets/new', sections)).toBe('/ticketing/tickets/new');
    expect(activeHref('/ticketing/tickets/FF-000001', sections)).toBe('/ticketing/tickets');
    expect(activeHref('/elsewhere', sections)).toBeNull();
  });
});

describe('timeline', () => {
  it('merges history and notes by time, naming assignees and leaving out the note_added echo', () => {
    const items = buildTimeline(
      {
        history: [
          { id: 1, ticketId: 't', actorId: null, actorName: 'Aisha', action: 'created', field: null, oldValue: null, newValue: 'FF-000001', details: null, createdAt: '2026-11-25T08:00:00Z' },
          { id: 2, ticketId: 't', actorId: null, actorName: 'Aisha', action: 'assigned', field: 'assigned_to', oldValue: null, newValue: 'u1', details: null, createdAt: '2026-11-25T08:01:00Z' },
          { id: 3, ticketId: 't', actorId: null, actorName: 'Thabo', action: 'sla_paused', field: 'sla_paused', oldValue: 'false', newValue: 'true', details: { reason: 'parts' }, createdAt: '2026-11-25T08:03:00Z' },
          { id: 4, ticketId: 't', actorId: null, actorName: 'Thabo', action: 'note_added', field: null, oldValue: null, newValue: null, details: null, createdAt: '2026-11-25T08:02:00Z' },
          { id: 5, ticketId: 't', actorId: null, actorName: null, action: 'something_new', field: 'x', oldValue: 'a', newValue: 'b', details: null, createdAt: '2026-11-25T08:04:00Z' },
        ],
        assignments: [{ id: 1, fromUserId: null, fromName: null, toUserId: 'u1', toName: 'Thabo', assignedBy: null, reason: null, createdAt: '2026-11-25T08:01:00Z' }],
      },
      [{ id: 'n', ticketId: 't', noteType: 'internal', channel: 'web', body: 'On my way', authorId: null, authorName: 'Thabo', createdAt: '2026-11-25T08:02:00Z' }],
    );
    expect(items.map((i) => (i.kind === 'note' ? `note:${i.note.body}` : i.text))).toEqual([
      'Created ticket FF-000001', 'Assigned to Thabo', 'note:On my way', 'SLA clock paused', 'Something new x: “a” → “b”',
    ]);
    expect(items[3]).toMatchObject({ detail: 'Waiting for parts', tone: 'pause' });
    expect(items[4]).toMatchObject({ actor: 'System' });
  });
});

describe('inputs and errors', () => {
  it('reads rand amounts exactly and writes cents back for editing', () => {
    expect(parseRand('350')).toBe(35000);
    expect(parseRand('R 1 234,5')).toBe(123450);
    expect(parseRand('12.345')).toBeNull();
    expect(centsToInput(30050)).toBe('300.50');
    expect(centsToInput(null)).toBe('');
  });

  it('reads working hours typed as ranges', () => {
    expect(parseIntervals('08:00-12:00, 13:00–17:00')).toEqual([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]);
    expect(parseIntervals('')).toEqual([]);
    expect(parseIntervals('8 to 5')).toBeNull();
  });

  it('puts API field messages, and a business rule’s one field, where the form can show them', () => {
    const e = new ApiError(400, 'VALIDATION_ERROR', 'Invalid request body', { fields: [{ field: 'title', message: 'Title is required' }] });
    expect(e.fields).toEqual({ title: 'Title is required' });
    expect(new ApiError(422, 'UNPROCESSABLE', 'Unknown project', { field: 'projectId' }).fields).toEqual({ projectId: 'Unknown project' });
  });
});

describe('display timezone', () => {
  it('shows times in the business timezone it is given, and ignores an unknown zone', () => {
    const at = '2026-11-25T06:30:00Z';
    expect(formatDateTime(at)).toMatch(/08:30/);
    setDisplayTimeZone('UTC');
    expect(formatDateTime(at)).toMatch(/06:30/);
    setDisplayTimeZone('Mars/Olympus_Mons');
    expect(formatDateTime(at)).toMatch(/06:30/);
    setDisplayTimeZone('Africa/Johannesburg');
    expect(formatDateTime(at)).toMatch(/08:30/);
    expect(formatDate(at)).toMatch(/25 Nov 2026/);
  });
});
