// Ticket lifecycle hooks: billing and SLA react to ticket changes inside the same transaction as the change.
import type { Queryable } from '@/src/lib/db';
import type { Ticket } from '../types/tickets';
import type { ServiceContext } from './context';
import { billingHooks } from './billing/ticketBillingHooks';
import { slaHooks } from './sla/ticketSlaHooks';
import { faultCauseHooks } from './billing/faultCauseHooks';
import { repeatFaultHooks } from './network/repeatFaultService';
import { incidentHooks } from './network/massIncidentService';
import type { ActualWork } from './billing/faultCauseRule';
import { whatsappStatusHook } from './whatsapp/statusMessages';
import { qcontactHooks } from './qcontact/qcontactHooks';
import { reporterMailHooks } from './email/reporterMail';

export interface StatusChangeEvent {
  from: Ticket['status'];
  to: Ticket['status'];
  reason?: string;
  pauseReason?: string;
  /** Work the technician recorded when resolving (prices work re-classified billable by its fault cause). */
  work?: ActualWork;
}

export interface NoteEvent {
  noteType: 'internal' | 'external' | 'system';
  channel: string | null;
  createdAt: Date;
  /** outbound: we wrote to the customer; inbound: the customer wrote to us; internal: among ourselves. */
  direction?: 'inbound' | 'outbound' | 'internal';
  /** The note itself, for hooks that pass it on (QContact write-back). */
  noteId?: string;
  body?: string;
}

/**
 * A hook may read and write any table through tx, including columns of the ticket row it owns
 * (billing: billing_type, requires_billing_approval, status on creation; SLA: sla_* and due times),
 * but does not bump tickets.version: the service re-reads the ticket after all hooks ran.
 */
export interface TicketLifecycleHook {
  name: string;
  onCreated?(tx: Queryable, ctx: ServiceContext, ticket: Ticket): Promise<void>;
  onUpdated?(tx: Queryable, ctx: ServiceContext, before: Ticket, after: Ticket, changed: string[]): Promise<void>;
  onStatusChanged?(tx: Queryable, ctx: ServiceContext, ticket: Ticket, event: StatusChangeEvent): Promise<void>;
  onNoteAdded?(tx: Queryable, ctx: ServiceContext, ticket: Ticket, event: NoteEvent): Promise<void>;
}

// Order matters: billing first (it may put the ticket under a contract whose SLA hours apply), then SLA.
// WhatsApp, QContact and the reporter's mail last: they tell the other side what the others settled on.
export const LIFECYCLE_HOOKS: readonly TicketLifecycleHook[] = [billingHooks, faultCauseHooks, slaHooks, repeatFaultHooks, incidentHooks, whatsappStatusHook, qcontactHooks, reporterMailHooks];
