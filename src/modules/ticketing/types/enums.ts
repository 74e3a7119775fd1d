// Every enumeration of the operator's data model, in one place: used by zod, the UI and (checked by a test) the SQL.
export const TICKET_STATUSES = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'blocked',
  'resolved',
  'closed',
  'cancelled',
  'pending_approval',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which work is still open (SLA clocks may run, reassign and cancel are allowed). */
export const OPEN_STATUSES = ['new', 'triaged', 'assigned', 'in_progress', 'blocked', 'pending_approval'] as const;

export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_TYPES = ['fault', 'maintenance', 'installation', 'query', 'complaint', 'other'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_SOURCES = [
  'qcontact',
  'whatsapp',
  'whatsapp_outbound',
  'email',
  'construction',
  'internal',
  'adhoc',
  'weekly_report',
] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** Sources whose UID is DR{7 digits}-{seq}, sharing one sequence per drop. */
export const DROP_SEQUENCE_SOURCES = ['whatsapp', 'whatsapp_outbound', 'construction'] as const;

export const BILLING_TYPES = ['guarantee', 'sla', 'billable'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const NOTE_TYPES = ['internal', 'external', 'system'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const NOTE_CHANNELS = ['web', 'api', 'whatsapp', 'email', 'qcontact'] as const;
export type NoteChannel = (typeof NOTE_CHANNELS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'whatsapp', 'system'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'delivered'] as const;

export const FAULT_CAUSES = [
  'workmanship',
  'material_failure',
  'client_damage',
  'third_party',
  'environmental',
  'vandalism',
  'unknown',
] as const;
export type FaultCause = (typeof FAULT_CAUSES)[number];

export const PAUSE_REASONS = ['waiting_customer', 'access_denied', 'parts', 'permit', 'weather', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const USER_ROLES = ['admin', 'manager', 'agent', 'technician', 'finance'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const OUTBOX_STATUSES = ['pending', 'processing', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** received: waiting for the worker; review: needs a person (unmatched, auto-reply, unmappable); dead: gave up. */
export const INBOUND_STATUSES = ['received', 'processing', 'processed', 'failed', 'ignored', 'review', 'dead'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const SLA_STATES = ['on_track', 'warning', 'escalated', 'breached', 'paused', 'met', 'none'] as const;
export type SlaState = (typeof SLA_STATES)[number];
