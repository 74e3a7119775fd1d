// Pure status mapping for the weekly report: the words the network owner's report uses, to our workflow statuses.
import type { TicketStatus } from '../../types/enums';

export const REPORT_STATUS_TABLE: Record<string, TicketStatus> = {
  new: 'new', open: 'new', logged: 'new', reported: 'new', outstanding: 'new',
  assigned: 'assigned', dispatched: 'assigned',
  'in progress': 'in_progress', wip: 'in_progress', busy: 'in_progress', working: 'in_progress', 'work in progress': 'in_progress',
  'on hold': 'blocked', hold: 'blocked', pending: 'blocked', blocked: 'blocked', 'awaiting parts': 'blocked',
  resolved: 'resolved', fixed: 'resolved', completed: 'resolved', complete: 'resolved', done: 'resolved', restored: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled', canceled: 'cancelled', duplicate: 'cancelled', void: 'cancelled',
};

/** Our status for a report's status text; undefined when the table does not know it. Empty text means "open". */
export function mapReportStatus(text: string | null | undefined): TicketStatus | undefined {
  const key = (text ?? '').toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return key === '' ? 'new' : REPORT_STATUS_TABLE[key];
}

export const CLOSED_REPORT_STATUSES: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed', 'cancelled']);
