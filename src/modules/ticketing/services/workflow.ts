// The ticket workflow as a pure state machine: which status may follow which, and who may take each step.
import type { TicketStatus } from '../types/enums';

/**
 * new -> triaged -> assigned -> in_progress <-> blocked -> resolved -> closed; resolved -> in_progress reopens;
 * cancel from any open state except pending_approval, which leaves only by a manager's decision (approve -> new,
 * reject -> cancelled with the requester told).
 */
export const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['triaged', 'assigned', 'cancelled'],
  triaged: ['assigned', 'cancelled'],
  assigned: ['in_progress', 'triaged', 'cancelled'],
  in_progress: ['blocked', 'resolved', 'cancelled'],
  blocked: ['in_progress', 'cancelled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
  pending_approval: ['new', 'cancelled'],
};

/** Steps only the billing approval path may take (a status change request cannot). */
const APPROVAL_ONLY: ReadonlyArray<[TicketStatus, TicketStatus]> = [
  ['pending_approval', 'new'],
  ['pending_approval', 'cancelled'],
];

/** Technicians work tickets; they do not triage, cancel or close them. */
const TECHNICIAN_TARGETS: readonly TicketStatus[] = ['in_progress', 'blocked', 'resolved'];

export const OPEN_STATUS_SET: ReadonlySet<TicketStatus> = new Set([
  'new', 'triaged', 'assigned', 'in_progress', 'blocked', 'pending_approval',
]);

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUS_SET.has(status);
}

export interface TransitionOptions {
  role: string;
  via?: 'status' | 'approval';
}

/** The statuses this actor may move a ticket to from `from`, by the given path. */
export function legalNextStatuses(from: TicketStatus, opts: TransitionOptions): TicketStatus[] {
  const via = opts.via ?? 'status';
  return TRANSITIONS[from].filter((to) => {
    const approvalOnly = APPROVAL_ONLY.some(([a, b]) => a === from && b === to);
    if (approvalOnly && via !== 'approval') return false;
    if (opts.role === 'technician' && !TECHNICIAN_TARGETS.includes(to)) return false;
    return true;
  });
}

export function canTransition(from: TicketStatus, to: TicketStatus, opts: TransitionOptions): boolean {
  return legalNextStatuses(from, opts).includes(to);
}

/** Timestamp columns a transition sets or clears. */
export function transitionTimestamps(from: TicketStatus, to: TicketStatus, now: Date): { resolvedAt?: Date | null; closedAt?: Date | null } {
  if (to === 'resolved') return { resolvedAt: now };
  if (to === 'closed') return { closedAt: now };
  if (from === 'resolved' && to === 'in_progress') return { resolvedAt: null };
  return {};
}
