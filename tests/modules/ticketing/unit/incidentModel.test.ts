// The mass-incident panel's pure rules: pasted references, what a candidate shares, the result sentence, and how
// incident history reads on the timeline.
import { describe, expect, it } from 'vitest';
import { linkedMessage, parseTicketRefs, refsToLink, sharedLabel } from '@/src/modules/ticketing/components/tickets/incidentModel';
import { buildTimeline } from '@/src/modules/ticketing/components/tickets/timelineModel';

describe('pasted ticket references', () => {
  it('splits on spaces, commas, semicolons and new lines, upper-cases UIDs, keeps ids lower-case and drops repeats', () => {
    const id = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
    expect(parseTicketRefs(` ff-000001, FF-000002;\n#dr1234567-1\tFF-000001 ${id}  `)).toEqual(['FF-000001', 'FF-000002', 'DR1234567-1', id.toLowerCase()]);
    expect(parseTicketRefs(' ,; \n')).toEqual([]);
  });

  it('adds ticked candidates after the pasted ones, each once', () => {
    expect(refsToLink('FF-000001 ff-000002', ['FF-000002', 'FF-000003'])).toEqual(['FF-000001', 'FF-000002', 'FF-000003']);
  });

  it('names the shared element and says what a link did', () => {
    expect(['pole', 'pon', 'zone'].map((k) => sharedLabel(k as 'pole'))).toEqual(['same pole', 'same PON', 'same zone']);
    expect(linkedMessage(1, ['FF-000001'])).toBe('Added 1 ticket: FF-000001.');
    expect(linkedMessage(3, ['FF-000001', 'FF-000002'])).toBe('Added 2 tickets: FF-000001, FF-000002 (1 already part of this incident).');
    expect(linkedMessage(1, [])).toBe('No ticket was added (1 already part of this incident).');
  });
});

describe('incident history on the timeline', () => {
  it('reads as sentences on the child and on the parent', () => {
    const at = (m: number) => `2026-11-25T08:0${m}:00Z`;
    const h = (id: number, action: string, o: { oldValue?: string | null; newValue?: string | null; details?: Record<string, unknown> | null } = {}) => ({
      id, ticketId: 't', actorId: null, actorName: 'Aisha', action, field: null, oldValue: o.oldValue ?? null, newValue: o.newValue ?? null, details: o.details ?? null, createdAt: at(id),
    });
    const items = buildTimeline({
      history: [
        h(1, 'incident_linked', { newValue: 'FF-000001' }),
        h(2, 'incident_unlinked', { oldValue: 'FF-000001' }),
        h(3, 'incident_child_added', { newValue: 'DR1234567-1' }),
        h(4, 'incident_child_removed', { oldValue: 'DR1234567-1' }),
        h(5, 'incident_fanned_out', { details: { children: 2, messagesQueued: 1 } }),
        h(6, 'incident_fanned_out', { newValue: 'resolved', details: { children: 1, messagesQueued: 0 } }),
        h(7, 'incident_fanned_out'),
      ],
      assignments: [],
    }, []);
    expect(items.map((i) => (i.kind === 'event' ? [i.text, i.detail] : null))).toEqual([
      ['Added to mass incident FF-000001', undefined],
      ['Removed from mass incident FF-000001', undefined],
      ['DR1234567-1 joined this incident', undefined],
      ['DR1234567-1 was removed from this incident', undefined],
      ['Update passed on to the incident’s tickets', '2 tickets; 1 customer message queued'],
      ['Update passed on to the incident’s tickets', '1 ticket; 0 customer messages queued'],
      ['Update passed on to the incident’s tickets', undefined],
    ]);
  });
});
