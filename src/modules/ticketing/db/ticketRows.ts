// The ticket row as SQL returns it and its mapping to the camelCase Ticket entity.
import type { Ticket } from '../types/tickets';
import { mapTicketSla, type TicketSla } from './slaRepo';

// The SLA state read in the same statement as each ticket (TICKET_SELECT carries the SLA columns), so the SLA view
// of a list or a detail needs no second query. Keyed by the mapped object: a copy simply falls back to a read.
const slaReadWith = new WeakMap<Ticket, TicketSla>();

/** The SLA state that was read together with this ticket object, if it came from TICKET_SELECT. */
export function slaReadWithTicket(t: Ticket): TicketSla | undefined {
  return slaReadWith.get(t);
}

export const TICKET_SELECT = `
  SELECT t.id, t.ticket_uid, t.source, t.external_id, t.ticket_type, t.category, t.priority, t.status, t.title,
         t.description, t.dr_number, t.drop_id, (t.dr_number IS NOT NULL AND t.drop_id IS NULL) AS drop_unknown, t.project_id, p.name AS project_name, t.client_id, c.name AS client_name,
         t.reporter_name, t.reporter_phone, t.reporter_email, t.address, t.gps_lat, t.gps_lng, t.assigned_to,
         u.name AS assignee_name, t.billing_type, t.requires_billing_approval, t.fault_cause, t.fault_cause_detail, t.resolution_notes,
         t.sla_config_id, t.first_response_due_at, t.first_responded_at, t.due_at, t.sla_paused, t.sla_paused_at,
         t.sla_warning_at, t.sla_escalated_at, t.sla_breached_at, t.created_by, t.created_at, t.updated_at,
         t.resolved_at, t.closed_at, t.eta_at, t.version, t.deleted_at, t.sla_cycle, t.sla_source, t.sla_contract_id, t.sla_business_hours,
         t.sla_response_seconds, t.sla_resolution_seconds, t.sla_warning_pct, t.sla_escalation_pct, t.sla_response_warning_pct,
         t.sla_response_escalation_pct, t.sla_paused_seconds, t.first_response_breached_at, t.sla_next_check_at,
         COALESCE((SELECT array_agg(tg.tag ORDER BY tg.tag) FROM ticket_tags tg WHERE tg.ticket_id = t.id), '{}') AS tags
    FROM tickets t
    LEFT JOIN projects p ON p.id = t.project_id
    LEFT JOIN clients c ON c.id = t.client_id
    LEFT JOIN users u ON u.id = t.assigned_to`;

export type TicketRow = Record<string, unknown>;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function mapTicket(r: TicketRow): Ticket {
  const ticket = toTicket(r);
  slaReadWith.set(ticket, mapTicketSla(r));
  return ticket;
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: String(r.id),
    ticketUid: String(r.ticket_uid),
    source: r.source as Ticket['source'],
    externalId: str(r.external_id),
    ticketType: r.ticket_type as Ticket['ticketType'],
    category: str(r.category),
    priority: r.priority as Ticket['priority'],
    status: r.status as Ticket['status'],
    title: String(r.title),
    description: str(r.description),
    drNumber: str(r.dr_number),
    dropId: str(r.drop_id),
    dropUnknown: Boolean(r.drop_unknown),
    projectId: str(r.project_id),
    projectName: str(r.project_name),
    clientId: str(r.client_id),
    clientName: str(r.client_name),
    reporterName: str(r.reporter_name),
    reporterPhone: str(r.reporter_phone),
    reporterEmail: str(r.reporter_email),
    address: str(r.address),
    gpsLat: num(r.gps_lat),
    gpsLng: num(r.gps_lng),
    assignedTo: str(r.assigned_to),
    assigneeName: str(r.assignee_name),
    billingType: (r.billing_type ?? null) as Ticket['billingType'],
    requiresBillingApproval: Boolean(r.requires_billing_approval),
    faultCause: (r.fault_cause ?? null) as Ticket['faultCause'],
    faultCauseDetail: str(r.fault_cause_detail),
    resolutionNotes: str(r.resolution_notes),
    slaConfigId: str(r.sla_config_id),
    firstResponseDueAt: iso(r.first_response_due_at),
    firstRespondedAt: iso(r.first_responded_at),
    dueAt: iso(r.due_at),
    slaPaused: Boolean(r.sla_paused),
    slaPausedAt: iso(r.sla_paused_at),
    slaWarningAt: iso(r.sla_warning_at),
    slaEscalatedAt: iso(r.sla_escalated_at),
    slaBreachedAt: iso(r.sla_breached_at),
    tags: (r.tags as string[] | null) ?? [],
    createdBy: str(r.created_by),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    etaAt: iso(r.eta_at),
    version: Number(r.version),
  };
}
