// Pure: turns history rows and notes into one time-ordered list of readable entries (channels join later).
import type { HistoryEntry, Note, TicketHistory } from '../../hooks/types';
import { BILLING_LABEL, FAULT_CAUSE_LABEL, formatCents, formatDateTime, labelOf, PAUSE_REASON_LABEL, STATUS_LABEL } from '../format';

export type TimelineItem =
  | { kind: 'event'; id: string; at: string; actor: string; text: string; detail?: string; tone?: 'status' | 'pause' | 'plain' }
  | { kind: 'note'; id: string; at: string; actor: string; note: Note };
// WhatsApp messages and emails will be further kinds here, merged by time like notes.

const FIELD_LABEL: Record<string, string> = {
  ticketType: 'type', dropId: 'drop', drNumber: 'DR number', projectId: 'project', clientId: 'client', reporterName: 'reporter name',
  reporterPhone: 'reporter phone', reporterEmail: 'reporter email', gpsLat: 'GPS latitude', gpsLng: 'GPS longitude', faultCause: 'fault cause',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function quote(v: string | null): string {
  if (v !== null && UUID.test(v)) return 'another value'; // an id whose name is gone: never print the id
  return v === null || v === '' ? 'empty' : `“${v.length > 60 ? `${v.slice(0, 57)}…` : v}”`;
}

function describe(h: HistoryEntry, names: Map<string, string>): Omit<Extract<TimelineItem, { kind: 'event' }>, 'kind' | 'id' | 'at' | 'actor'> {
  const d = (h.details ?? {}) as Record<string, unknown>;
  const reason = typeof d.reason === 'string' && d.reason ? d.reason : undefined;
  switch (h.action) {
    case 'created':
      return { text: `Created ticket ${h.newValue ?? ''}`.trim() };
    case 'status_changed':
      return { text: `Status ${labelOf(STATUS_LABEL, h.oldValue)} → ${labelOf(STATUS_LABEL, h.newValue)}`, detail: reason && reason !== h.newValue ? `Reason: ${reason}` : undefined, tone: 'status' };
    case 'sla_paused':
      return { text: 'SLA clock paused', detail: typeof d.reason === 'string' ? labelOf(PAUSE_REASON_LABEL, d.reason) : undefined, tone: 'pause' };
    case 'sla_resumed': {
      const minutes = typeof d.pausedBusinessMinutes === 'number' ? `after ${d.pausedBusinessMinutes} business minutes paused` : undefined;
      return { text: 'SLA clock resumed', detail: [minutes, h.newValue ? `resolution now due ${formatDateTime(h.newValue)}` : null].filter(Boolean).join('; ') || undefined, tone: 'pause' };
    }
    case 'sla_targets_set':
    case 'sla_recomputed':
      return { text: h.action === 'sla_targets_set' ? 'SLA targets set' : 'SLA targets recomputed', detail: h.newValue ? `Resolution due ${formatDateTime(h.newValue)}` : undefined };
    case 'sla_cleared':
      return { text: 'SLA targets cleared' };
    case 'sla_first_response':
      return { text: 'First response given', detail: d.met === false ? 'after the response target' : undefined };
    case 'sla_warning':
    case 'sla_escalation':
    case 'sla_breach':
      return { text: `SLA ${h.field ?? ''} ${h.action.slice(4)} at ${h.newValue ?? ''}`.replace(/\s+/g, ' '), tone: 'pause' };
    case 'attachment_added':
      return { text: `Attached ${h.newValue ?? 'a file'}` };
    case 'billing_classified':
    case 'billing_reclassified': {
      const est = typeof d.estimatedTotalCents === 'number' ? ` · estimate ${formatCents(d.estimatedTotalCents)}` : '';
      return { text: `Billing: ${labelOf(BILLING_LABEL, h.newValue)}${est}`, detail: reason };
    }
    case 'billing_deferred':
      return { text: 'Billing waits: the drop is not in the drop register', detail: reason, tone: 'pause' };
    case 'drop_registered':
      return { text: `Drop ${h.newValue ?? ''} registered: project and client filled in`.replace('  ', ' '), detail: reason };
    case 'billing_approved':
    case 'billing_rejected':
      return { text: h.action === 'billing_approved' ? 'Billable work approved' : 'Billable work rejected', detail: reason, tone: 'status' };
    case 'assigned':
      return { text: `Assigned to ${names.get(h.newValue ?? '') ?? 'someone'}`, detail: reason };
    case 'unassigned':
      return { text: 'Unassigned', detail: reason };
    case 'updated': {
      if (h.field === 'drNumber') {
        const uid = typeof d.ticketUid === 'string' ? d.ticketUid : null;
        const keep = uid ? ` (the ticket keeps its UID ${uid}: UIDs never change)` : '';
        if (!h.oldValue) return { text: `Drop set to ${h.newValue ?? '—'}` };
        return { text: h.newValue ? `Moved from ${h.oldValue} to ${h.newValue}${keep}` : `Drop ${h.oldValue} removed${keep}` };
      }
      if (h.field === 'etaAt') {
        const was = h.oldValue ? ` (was ${formatDateTime(h.oldValue)})` : '';
        return { text: h.newValue ? `Technician’s arrival set to ${formatDateTime(h.newValue)}${was}` : `Technician’s arrival cleared${was}` };
      }
      const field = FIELD_LABEL[h.field ?? ''] ?? h.field ?? 'a field';
      if (h.oldLabel !== undefined || h.newLabel !== undefined) {
        return { text: `Changed ${field} from ${quote(h.oldLabel ?? h.oldValue)} to ${quote(h.newLabel ?? h.newValue)}` };
      }
      const show = (v: string | null) => (h.field === 'faultCause' && v ? labelOf(FAULT_CAUSE_LABEL, v) : v);
      return { text: `Changed ${field} from ${quote(show(h.oldValue))} to ${quote(show(h.newValue))}` };
    }
    case 'incident_linked':
      return { text: `Added to mass incident ${h.newValue ?? ''}`.trim(), tone: 'status' };
    case 'incident_unlinked':
      return { text: `Removed from mass incident ${h.oldValue ?? ''}`.trim(), tone: 'status' };
    case 'incident_child_added':
      return { text: `${h.newValue ?? 'A ticket'} joined this incident` };
    case 'incident_child_removed':
      return { text: `${h.oldValue ?? 'A ticket'} was removed from this incident` };
    case 'incident_fanned_out': {
      const queued = typeof d.messagesQueued === 'number' ? `; ${d.messagesQueued} customer message${d.messagesQueued === 1 ? '' : 's'} queued` : '';
      return { text: 'Update passed on to the incident’s tickets', detail: typeof d.children === 'number' ? `${d.children} ticket${d.children === 1 ? '' : 's'}${queued}` : undefined };
    }
    case 'tag_added':
      return { text: `Tagged “${h.newValue}”` };
    case 'tag_removed':
      return { text: `Removed tag “${h.oldValue}”` };
    default: {
      const words = h.action.replace(/_/g, ' ');
      const change = h.field ? ` ${h.field}: ${quote(h.oldValue)} → ${quote(h.newValue)}` : '';
      return { text: `${words[0].toUpperCase()}${words.slice(1)}${change}`, detail: reason };
    }
  }
}

export function buildTimeline(history: TicketHistory | undefined, notes: Note[] | undefined, userNames: Map<string, string> = new Map()): TimelineItem[] {
  const names = new Map(userNames);
  for (const a of history?.assignments ?? []) {
    if (a.toUserId && a.toName) names.set(a.toUserId, a.toName);
    if (a.fromUserId && a.fromName) names.set(a.fromUserId, a.fromName);
  }
  const items: TimelineItem[] = [];
  for (const h of history?.history ?? []) {
    if (h.action === 'note_added') continue; // the note itself is on the timeline
    if (h.action === 'updated' && h.field === 'dropId') continue; // the DR number's own entry says where it moved
    items.push({ kind: 'event', id: `h${h.id}`, at: h.createdAt, actor: h.actorName ?? 'System', ...describe(h, names) });
  }
  for (const n of notes ?? []) items.push({ kind: 'note', id: `n${n.id}`, at: n.createdAt, actor: n.authorName ?? 'System', note: n });
  return items.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
}
