// Zod schemas for tickets: the entity as the API returns it, and the create/update/list/transition requests.
import { z } from 'zod';
import {
  BILLING_TYPES,
  FAULT_CAUSES,
  NOTE_TYPES,
  PAUSE_REASONS,
  SLA_STATES,
  TICKET_PRIORITIES,
  TICKET_SOURCES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from './enums';

/** "DR1734472", also typed as "dr1734472", "DR 1734472" or just the 7 digits "1734472". */
export const drNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .overwrite((s) => s.replace(/^(DR)?\s*(\d{7})$/, 'DR$2'))
  .regex(/^DR\d{7}$/, 'A DR number is DR followed by 7 digits, e.g. DR1734472');

export const slaStateSchema = z.object({
  state: z.enum(SLA_STATES),
  firstResponseDueAt: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  percentElapsed: z.number().nullable(),
  responsePercentElapsed: z.number().nullable(),
  paused: z.boolean(),
  breached: z.boolean(),
  warningAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
export type SlaStateView = z.infer<typeof slaStateSchema>;

export const ticketSchema = z.object({
  id: z.string().uuid(),
  ticketUid: z.string(),
  source: z.enum(TICKET_SOURCES),
  externalId: z.string().nullable(),
  ticketType: z.enum(TICKET_TYPES),
  category: z.string().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  title: z.string(),
  description: z.string().nullable(),
  drNumber: z.string().nullable(),
  dropId: z.string().nullable(),
  /** A DR was given that is not in the drop register: flagged for review, billing waits until the drop is known. */
  dropUnknown: z.boolean(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  address: z.string().nullable(),
  gpsLat: z.number().nullable(),
  gpsLng: z.number().nullable(),
  assignedTo: z.string().nullable(),
  assigneeName: z.string().nullable(),
  billingType: z.enum(BILLING_TYPES).nullable(),
  requiresBillingApproval: z.boolean(),
  faultCause: z.enum(FAULT_CAUSES).nullable(),
  faultCauseDetail: z.string().nullable().optional(),
  resolutionNotes: z.string().nullable(),
  slaConfigId: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  slaPaused: z.boolean(),
  slaPausedAt: z.string().nullable(),
  slaWarningAt: z.string().nullable(),
  slaEscalatedAt: z.string().nullable(),
  slaBreachedAt: z.string().nullable(),
  tags: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The technician's expected arrival (ISO instant), or null when none is set. */
  etaAt: z.string().nullable(),
  version: z.number().int(),
});
export type Ticket = z.infer<typeof ticketSchema>;

const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();

/** The fields people may set on a ticket, at creation and later (all optional here; creation adds its rules). */
const editableTicketFields = {
  ticketType: z.enum(TICKET_TYPES).optional(),
  category: optionalText(120),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  title: z.string().trim().min(1, 'Title is required').max(300).optional(),
  description: optionalText(20000),
  drNumber: drNumberSchema.optional().nullable(),
  projectId: z.string().uuid().optional().nullable(),
  clientId: z.string().uuid().optional().nullable(),
  reporterName: optionalText(200),
  reporterPhone: optionalText(40),
  reporterEmail: z.string().trim().email().max(200).optional().nullable(),
  address: optionalText(500),
  gpsLat: z.number().min(-90).max(90).optional().nullable(),
  gpsLng: z.number().min(-180).max(180).optional().nullable(),
};

export const createTicketSchema = z
  .object({
    ...editableTicketFields,
    source: z.enum(TICKET_SOURCES),
    externalId: z.string().trim().min(1).max(200).optional(),
    /** QContact case number (FT{n}) or weekly-report FT reference. */
    qcontactRef: z.string().trim().regex(/^(FT)?\d{3,12}$/, 'A QContact reference is FT followed by digits').optional(),
    ticketType: z.enum(TICKET_TYPES).default('fault'),
    priority: z.enum(TICKET_PRIORITIES).default('medium'),
    title: z.string().trim().min(1, 'Title is required').max(300),
    assignedTo: z.string().uuid().optional().nullable(),
    tags: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)).max(20).optional(),
  })
  .strict();
export type CreateTicketInput = z.infer<typeof createTicketSchema>;

/** The technician's expected arrival: an ISO date-time with its offset ("2026-11-25T14:30:00+02:00"), or null to clear it. */
export const etaAtSchema = z.iso
  .datetime({ offset: true, message: 'The arrival time is a date and time with its offset, e.g. 2026-11-25T14:30:00+02:00' })
  .nullable();

export const updateTicketSchema = z
  .object({
    ...editableTicketFields,
    version: z.number().int().min(1),
    faultCause: z.enum(FAULT_CAUSES).optional().nullable(),
    etaAt: etaAtSchema.optional(),
  })
  .strict();
export type UpdateTicketInput = z.infer<typeof updateTicketSchema>;

/** Setting or clearing only the arrival time (technicians on their own tickets, agents, managers). */
export const etaChangeSchema = z
  .object({
    etaAt: etaAtSchema,
    /** Required: the version you read (409 when stale). */
    version: z.number().int().min(1),
  })
  .strict();
export type EtaChangeInput = z.infer<typeof etaChangeSchema>;

export const statusChangeSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(TICKET_STATUSES),
    version: z.number().int().min(1).optional(),
    reason: z.string().trim().max(2000).optional(),
    pauseReason: z.enum(PAUSE_REASONS).optional(),
    faultCause: z.enum(FAULT_CAUSES).optional(),
    resolutionNotes: z.string().trim().max(5000).optional(),
    /** What exactly caused the fault (resolution only). */
    faultCauseDetail: z.string().trim().min(1).max(2000).optional(),
    /** The work actually done (resolution only): prices guarantee work re-classified billable by its cause. */
    work: z.object({ hours: z.number().min(0).max(1000).multipleOf(0.01), partsCents: z.number().int().min(0).max(100_000_000).default(0), trips: z.number().int().min(0).max(50).default(1) }).strict().optional(),
  })
  .strict();
export type StatusChangeInput = z.infer<typeof statusChangeSchema>;

export const assignSchema = z
  .object({
    id: z.string().min(1),
    assignedTo: z.string().uuid().nullable(),
    reason: z.string().trim().max(500).optional(),
    /** Required: without it a concurrent assignment would be silently overwritten (409 when stale). */
    version: z.number().int().min(1),
  })
  .strict();
export type AssignInput = z.infer<typeof assignSchema>;

export const noteCreateSchema = z
  .object({
    body: z.string().trim().min(1, 'A note needs text').max(20000),
    noteType: z.enum(NOTE_TYPES).exclude(['system']).default('internal'),
  })
  .strict();
export type NoteCreateInput = z.infer<typeof noteCreateSchema>;
