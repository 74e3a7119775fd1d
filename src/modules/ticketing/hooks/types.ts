// Shapes the screens read from the API, taken from the server's own types (type-only imports, nothing bundled).
import type { TicketWithSla } from '../services/sla/slaView';
import type { NoteRow } from '../db/noteRepo';
import type { HistoryRow } from '../db/historyRepo';
import type { AssignmentRow } from '../db/assignmentRepo';
import type { DirectoryUser } from '../db/userDirectoryRepo';
import type { DropDetails } from '../db/dropRepo';
import type { GuaranteeStatus } from '../services/dropLookupService';

export type TicketView = TicketWithSla;
export type Note = NoteRow;
export type HistoryEntry = HistoryRow;
export type Assignment = AssignmentRow;
export type UserSummary = DirectoryUser;
export type DropLookup = DropDetails & { guarantee: GuaranteeStatus };
export interface TicketHistory {
  history: HistoryRow[];
  assignments: AssignmentRow[];
}

/** GET billing-calculate: how a ticket with these facts would be billed. */
export type BillingEstimate = Awaited<ReturnType<typeof import('../services/billing/classificationService').calculateBilling>>;
export type { TicketBilling, Contract, Guarantee, FeeRow, FeePriceChange } from '../types/billing';
export type { PendingApproval } from '../db/billingRepo';
export type { DecisionResult } from '../services/billing/approvalService';
export type { OutboxEntry } from '../db/outboxRepo';
export type { SlaConfig, BusinessCalendarView } from '../types/sla';
