// The pure QContact rules: FT and DR references, categories, pins, the category table, status tables both ways,
// the conflict rule, and which timeline events become notes.
import { describe, expect, it } from 'vitest';
import {
  CaseMappingError, changedCaseFields, decideStatus, drFromCase, ftNumber, mapCase, mapInboundStatus, parsePin, publicNotes, ruleForCategory,
  splitCategory, statusTook, type CategoryRule,
} from '@/src/modules/ticketing/integrations/qcontact/caseMapping';
import { hasMorePages, isRetryableStatus } from '@/src/modules/ticketing/integrations/qcontact/qcontactClient';

const RULES: CategoryRule[] = [
  { category: 'Connectivity', subcategory: '', priority: 'high', ticketType: 'fault' },
  { category: 'Connectivity', subcategory: 'Link Light', priority: 'critical', ticketType: 'fault' },
  { category: 'Maintenance', subcategory: 'ONTMove', priority: 'low', ticketType: 'maintenance' },
];

const detail = (o: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) => ({
  id: 23978236256, label: ' FT490441', created_at: '2026-11-20T08:00:00Z', updated_at: '2026-11-21T08:00:00Z',
  fields: { status: 'New', category: 'Connectivity|Link Light', telephone: '+27821234567', email: 'thabo@example.co.za', address: '12 Protea Ave, Lawley', c__location_pin: '-26.38,27.81', c__serial_number: 'ALCL12345678', description: 'No link', ...fields },
  relationships: { contact: { id: 1, label: 'Thabo Mokoena' }, c__dr_number: { id: 2, label: 'DR1734315' } },
  ...o,
});

describe('references and fields', () => {
  it('finds the FT number in a label and the drop in the DR relationship (or the legacy field)', () => {
    expect(ftNumber(' FT490441')).toBe('490441');
    expect(ftNumber('Connection Issue FT657323')).toBe('657323');
    expect(ftNumber('Connection issue')).toBeNull();
    expect(ftNumber(undefined)).toBeNull();
    expect(drFromCase({ fields: { c__dr_number: 6100 }, relationships: { c__dr_number: { id: 6100, label: 'DR1748392' } } })).toBe('DR1748392');
    expect(drFromCase({ fields: { c__drop_number: 'dr DR1741208 ' }, relationships: {} })).toBe('DR1741208');
    expect(drFromCase({ fields: {}, relationships: undefined })).toBeNull();
  });

  it('splits categories on :: or | and parses pins, refusing nonsense', () => {
    expect(splitCategory('Connectivity::ONT/Gizzu')).toEqual({ category: 'Connectivity', subcategory: 'ONT/Gizzu' });
    expect(splitCategory('General|Maintenance')).toEqual({ category: 'General', subcategory: 'Maintenance' });
    expect(splitCategory('General')).toEqual({ category: 'General', subcategory: null });
    expect(splitCategory(null)).toEqual({ category: null, subcategory: null });
    expect(parsePin('-26.3817, 27.8106')).toEqual({ lat: -26.3817, lng: 27.8106 });
    expect(parsePin('-126,27')).toEqual({ lat: null, lng: null });
    expect(parsePin('somewhere')).toEqual({ lat: null, lng: null });
    expect(parsePin(undefined)).toEqual({ lat: null, lng: null });
  });

  it('takes the priority of the category and subcategory, then the category, then medium', () => {
    expect(ruleForCategory(RULES, 'connectivity', 'link light')).toMatchObject({ priority: 'critical' });
    expect(ruleForCategory(RULES, 'Connectivity', 'PoorSignal')).toMatchObject({ priority: 'high' });
    expect(ruleForCategory(RULES, 'Connectivity', null)).toMatchObject({ priority: 'high' });
    expect(ruleForCategory(RULES, 'Unheard', 'Of')).toEqual({ priority: 'medium', ticketType: 'fault' });
  });
});

describe('mapCase', () => {
  it('maps every field of a case', () => {
    const m = mapCase(detail(), { categories: RULES });
    expect(m).toMatchObject({ caseId: '23978236256', number: '490441', ticketUid: 'FT490441', statusLabel: 'New', updatedAt: '2026-11-21T08:00:00Z' });
    expect(m.fields).toEqual({
      title: 'Connectivity: Link Light', description: 'No link', category: 'Connectivity', subcategory: 'Link Light', priority: 'critical', ticketType: 'fault',
      reporterName: 'Thabo Mokoena', reporterPhone: '+27821234567', reporterEmail: 'thabo@example.co.za', address: '12 Protea Ave, Lawley',
      gpsLat: -26.38, gpsLng: 27.81, drNumber: 'DR1734315', ontSerial: 'ALCL12345678',
    });
  });

  it('titles from the label text when there is one, and tolerates missing parts', () => {
    expect(mapCase(detail({ label: 'Connection Issue FT657323' }), { categories: RULES }).fields.title).toBe('Connection Issue FT657323');
    const bare = mapCase(detail({ relationships: undefined, updated_at: undefined }, { category: null, email: 'not-an-email', status: null, contact_name: 'Walk-in' }), { categories: [] });
    expect(bare.fields).toMatchObject({ title: 'QContact case FT490441', reporterEmail: null, reporterName: 'Walk-in', drNumber: null, priority: 'medium' });
    expect(bare.statusLabel).toBe('');
    expect(bare.updatedAt).toBe('2026-11-20T08:00:00Z');
    expect(mapCase(detail({ label: 'Case' }, { reference: 'FT123456' }), { categories: [] }).ticketUid).toBe('FT123456');
    expect(mapCase(detail({ label: undefined }, { reference: 'FT123457' }), { categories: [] }).fields.title).toBe('Connectivity: Link Light');
  });

  it('refuses what cannot be a ticket, with the reason', () => {
    expect(() => mapCase(null as never, { categories: [] })).toThrow(CaseMappingError);
    expect(() => mapCase({ id: 1 } as never, { categories: [] })).toThrow(/id and fields/);
    expect(() => mapCase(detail({ label: 'No reference' }), { categories: [] })).toThrow(/no FT reference/);
    expect(() => mapCase(detail({ created_at: 'yesterday' }), { categories: [] })).toThrow(/created_at/);
    expect(() => mapCase(detail({ created_at: undefined }), { categories: [] })).toThrow(/created_at/);
    expect(() => mapCase(detail({ label: undefined }), { categories: [] })).toThrow(/no FT reference in its label \(""\)/);
  });

  it('lists the fields QContact changed', () => {
    const m = mapCase(detail(), { categories: RULES });
    expect(changedCaseFields(m.fields, m.fields)).toEqual([]);
    expect(changedCaseFields({ ...m.fields, reporterPhone: '+27820000000', ontSerial: undefined as never }, m.fields)).toEqual(['reporterPhone', 'ontSerial']);
  });
});

describe('statuses', () => {
  it('maps labels through the table, an unknown one to new', () => {
    expect(mapInboundStatus(' in progress ', { 'In Progress': 'in_progress' })).toEqual({ status: 'in_progress', known: true });
    expect(mapInboundStatus('Awaiting Parts', { New: 'new' })).toEqual({ status: 'new', known: false });
  });

  it('confirms a write by label, ignoring spaces and case', () => {
    expect(statusTook('In Progress', 'InProgress')).toBe(true);
    expect(statusTook('Pending Company Response', 'Pending Company Response')).toBe(true);
    expect(statusTook('Open', 'Solved')).toBe(false);
    expect(statusTook(undefined, 'Open')).toBe(false);
  });

  it('applies QContact changes, keeps ours when QContact did not change, and calls both-changed a conflict', () => {
    const base = { label: 'Solved', incoming: 'resolved' as const, lastLabel: 'In Progress', syncedStatus: 'in_progress', current: 'in_progress' as const };
    expect(decideStatus(base)).toEqual({ action: 'apply', to: 'resolved', conflict: false });
    expect(decideStatus({ ...base, current: 'blocked' })).toEqual({ action: 'apply', to: 'resolved', conflict: true });
    expect(decideStatus({ ...base, label: 'In Progress', incoming: 'in_progress', current: 'blocked' })).toEqual({ action: 'none' });
    expect(decideStatus({ ...base, current: 'resolved' })).toEqual({ action: 'none' });
    expect(decideStatus({ ...base, label: 'Assigned', incoming: 'assigned', current: 'pending_approval' })).toEqual({ action: 'none' });
    expect(decideStatus({ ...base, current: 'pending_approval' })).toEqual({ action: 'apply', to: 'resolved', conflict: true });
    expect(decideStatus({ ...base, lastLabel: null, syncedStatus: null, current: 'new' })).toEqual({ action: 'apply', to: 'resolved', conflict: false });
  });
});

describe('timeline events', () => {
  it('keeps public events not written by our account, oldest first, as plain text', () => {
    const at = new Date('2026-11-20T00:00:00Z');
    const notes = publicNotes([
      { id: 3, public_note: true, html: '<p>Tech&nbsp;booked<br/>for &lt;Monday&gt; &amp; Tuesday</p>', user: { label: 'Lindiwe' }, created_at: '2026-11-21T10:00:00Z' },
      { id: 2, public_note: true, subtitle: 'Our own note', user: { label: 'Us', email: 'Ops@Velocity.example' }, created_at: '2026-11-21T09:00:00Z' },
      { id: 1, public_note: true, content: 'Customer called', user: null, raised_at: '2026-11-20T10:00:00Z' },
      { id: 4, public_note: false, content: 'internal', created_at: '2026-11-20T10:00:00Z' },
      { id: 5, public_note: true, content: '   ', created_at: '2026-11-20T10:00:00Z' },
      { id: 6, public_note: true, content: 'No date' },
      { id: 7, public_note: true, subtitle: 'Subtitle only', created_at: '2026-11-21T10:00:00Z' },
      { id: 8, public_note: true, created_at: '2026-11-21T10:00:00Z' },
    ], 'ops@velocity.example', at);
    expect(notes).toEqual([
      { eventId: '6', body: 'No date', author: 'QContact', at },
      { eventId: '1', body: 'Customer called', author: 'QContact', at: new Date('2026-11-20T10:00:00Z') },
      { eventId: '3', body: 'Tech booked\nfor <Monday> & Tuesday', author: 'Lindiwe', at: new Date('2026-11-21T10:00:00Z') },
      { eventId: '7', body: 'Subtitle only', author: 'QContact', at: new Date('2026-11-21T10:00:00Z') },
    ]);
    expect(publicNotes([{ id: 1, public_note: true, content: 'x', user: { email: 'a@b.c' } }], undefined, at)).toHaveLength(1);
  });
});

describe('client rules', () => {
  it('retries 5xx, 408 and 429 only, and pages while a full page came back and page x items < count', () => {
    expect([500, 503, 408, 429, 404, 403, 422].map(isRetryableStatus)).toEqual([true, true, true, true, false, false, false]);
    expect(hasMorePages({ count: 120, page: 1, items: 50 }, 50, 50)).toBe(true);
    expect(hasMorePages({ count: 120, page: 3, items: 50 }, 20, 50)).toBe(false);
    expect(hasMorePages({ count: 100, page: 2, items: 50 }, 50, 50)).toBe(false);
    expect(hasMorePages({ count: 500, page: 1, items: 50 }, 10, 50)).toBe(false);
  });
});
