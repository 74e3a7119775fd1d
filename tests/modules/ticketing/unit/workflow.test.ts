// The workflow state machine: every legal step, the approval-only step, technician limits, timestamps.
import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '@/src/modules/ticketing/types/enums';
import { canTransition, isOpen, legalNextStatuses, transitionTimestamps, TRANSITIONS } from '@/src/modules/ticketing/services/workflow';

describe('workflow', () => {
  it('follows new -> triaged -> assigned -> in_progress <-> blocked -> resolved -> closed', () => {
    const path = ['new', 'triaged', 'assigned', 'in_progress', 'blocked', 'in_progress', 'resolved', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i], { role: 'agent' }), `${path[i - 1]}->${path[i]}`).toBe(true);
  });

  it('lets any open state but pending_approval be cancelled, and closed or cancelled go nowhere', () => {
    for (const s of TICKET_STATUSES) {
      if (isOpen(s)) expect(canTransition(s, 'cancelled', { role: 'manager' }), s).toBe(s !== 'pending_approval');
    }
    expect(legalNextStatuses('closed', { role: 'admin' })).toEqual([]);
    expect(legalNextStatuses('cancelled', { role: 'admin' })).toEqual([]);
  });

  it('reopens a resolved ticket to in_progress', () => {
    expect(canTransition('resolved', 'in_progress', { role: 'agent' })).toBe(true);
    expect(canTransition('closed', 'in_progress', { role: 'agent' })).toBe(false);
  });

  it('leaves pending_approval only through the approval path (approve -> new, reject -> cancelled)', () => {
    expect(legalNextStatuses('pending_approval', { role: 'manager' })).toEqual([]);
    expect(legalNextStatuses('pending_approval', { role: 'manager', via: 'approval' })).toEqual(['new', 'cancelled']);
  });

  it('limits technicians to working states', () => {
    expect(legalNextStatuses('assigned', { role: 'technician' })).toEqual(['in_progress']);
    expect(legalNextStatuses('in_progress', { role: 'technician' })).toEqual(['blocked', 'resolved']);
    expect(legalNextStatuses('resolved', { role: 'technician' })).toEqual(['in_progress']);
    expect(legalNextStatuses('new', { role: 'technician' })).toEqual([]);
  });

  it('never allows a jump the table does not list', () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        if (!TRANSITIONS[from].includes(to)) expect(canTransition(from, to, { role: 'admin', via: 'approval' })).toBe(false);
      }
    }
  });

  it('sets and clears resolved_at and closed_at', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(transitionTimestamps('in_progress', 'resolved', now)).toEqual({ resolvedAt: now });
    expect(transitionTimestamps('resolved', 'closed', now)).toEqual({ closedAt: now });
    expect(transitionTimestamps('resolved', 'in_progress', now)).toEqual({ resolvedAt: null });
    expect(transitionTimestamps('new', 'triaged', now)).toEqual({});
  });
});
