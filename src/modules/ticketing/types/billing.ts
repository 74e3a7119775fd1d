// Zod schemas for billing: contracts, guarantees, fee schedule, ticket billing, approval, actuals and invoicing.
import { z } from 'zod';
import { APPROVAL_STATUSES, BILLING_TYPES, FAULT_CAUSES, TICKET_PRIORITIES, TICKET_TYPES } from './enums';
import { drNumberSchema } from './tickets';

export const isoDate = z.iso.date('A date is YYYY-MM-DD');
const cents = (max = 1_000_000_000) => z.number().int('Money is a whole number of cents').min(0).max(max);
const hours = z.number().min(0).max(10_000).multipleOf(0.01, 'At most two decimals');
const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);
const endNotBeforeStart = (v: { startDate?: string; endDate?: string | null }) => !v.startDate || !v.endDate || v.endDate >= v.startDate;

export const idQuerySchema = z.object({ id: z.uuid() });
export const uidQuerySchema = z.object({ uid: trimmed(1, 40).toUpperCase() });
export const projectIdQuerySchema = z.object({ projectId: z.uuid() });

// ---- contracts
export const contractSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string().nullable(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  contractNumber: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  active: z.boolean(),
  responseHours: z.number().nullable(),
  resolutionHours: z.number().nullable(),
  businessHoursOnly: z.boolean(),
  hourlyRateCents: z.number().int().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

const contractFields = {
  clientId: z.uuid(),
  projectId: z.uuid().nullable().optional(),
  contractNumber: trimmed(1, 60),
  name: trimmed(1, 200),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  active: z.boolean().optional(),
  responseHours: z.number().positive().max(10_000).nullable().optional(),
  resolutionHours: z.number().positive().max(10_000).nullable().optional(),
  businessHoursOnly: z.boolean().optional(),
  hourlyRateCents: cents().nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
};
export const contractCreateSchema = z
  .object(contractFields)
  .strict()
  .refine(endNotBeforeStart, { message: 'endDate must not be before startDate', path: ['endDate'] });
export type ContractCreateInput = z.infer<typeof contractCreateSchema>;

export const contractUpdateSchema = z
  .object(contractFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .refine(endNotBeforeStart, { message: 'endDate must not be before startDate', path: ['endDate'] });
export type ContractUpdateInput = z.infer<typeof contractUpdateSchema>;

export const contractListQuerySchema = z.object({
  clientId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  active: queryBool.optional(),
});
export type ContractListQuery = z.infer<typeof contractListQuerySchema>;

// ---- guarantees
export const guaranteeSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  clientId: z.string(),
  guaranteePeriodDays: z.number().int(),
  materialGuaranteeDays: z.number().int(),
  startsOnOverride: z.string().nullable(),
  /** True when the project has no row and the defaults (90 / 365 days) apply. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Guarantee = z.infer<typeof guaranteeSchema>;

export const guaranteeUpsertSchema = z
  .object({
    projectId: z.uuid(),
    guaranteePeriodDays: z.number().int().min(0).max(3650),
    materialGuaranteeDays: z.number().int().min(0).max(3650).optional(),
    startsOnOverride: isoDate.nullable().optional(),
  })
  .strict();
export type GuaranteeUpsertInput = z.infer<typeof guaranteeUpsertSchema>;

// ---- fee schedule
export const feeRowSchema = z.object({
  id: z.string(),
  serviceType: z.string(),
  ticketType: z.enum(TICKET_TYPES),
  priority: z.enum(TICKET_PRIORITIES).nullable(),
  projectId: z.string().nullable(),
  baseFeeCents: z.number().int(),
  hourlyRateCents: z.number().int(),
  travelFeeCents: z.number().int(),
  afterHoursMultiplier: z.number(),
  defaultHours: z.number(),
  currency: z.literal('ZAR'),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FeeRow = z.infer<typeof feeRowSchema>;

const feeFields = {
  serviceType: trimmed(1, 120),
  ticketType: z.enum(TICKET_TYPES),
  /** null: any priority. */
  priority: z.enum(TICKET_PRIORITIES).nullable().optional(),
  /** null: all projects. */
  projectId: z.uuid().nullable().optional(),
  baseFeeCents: cents(),
  hourlyRateCents: cents(),
  travelFeeCents: cents().optional(),
  afterHoursMultiplier: z.number().min(1).max(9.99).multipleOf(0.01, 'At most two decimals').optional(),
  defaultHours: hours.optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  active: z.boolean().optional(),
};
const feeDatesOrdered = (v: { effectiveFrom?: string; effectiveTo?: string | null }) => !v.effectiveFrom || !v.effectiveTo || v.effectiveTo >= v.effectiveFrom;

export const feeCreateSchema = z
  .object(feeFields)
  .strict()
  .refine(feeDatesOrdered, { message: 'effectiveTo must not be before effectiveFrom', path: ['effectiveTo'] });
export type FeeCreateInput = z.infer<typeof feeCreateSchema>;

export const feeUpdateSchema = z
  .object({ id: z.uuid(), reason: z.string().trim().max(1000).optional() })
  .extend(z.object(feeFields).partial().shape)
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== 'id' && k !== 'reason'), { message: 'Nothing to update' })
  .refine(feeDatesOrdered, { message: 'effectiveTo must not be before effectiveFrom', path: ['effectiveTo'] });
export type FeeUpdateInput = z.infer<typeof feeUpdateSchema>;

export const feeListQuerySchema = z.object({
  id: z.uuid().optional(),
  ticketType: z.enum(TICKET_TYPES).optional(),
  projectId: z.uuid().optional(),
  active: queryBool.optional(),
  /** Only rows in effect on this date. */
  on: isoDate.optional(),
});
export type FeeListQuery = z.infer<typeof feeListQuerySchema>;

export const feePriceChangeSchema = z.object({
  id: z.number().int(),
  feeScheduleId: z.string(),
  changedBy: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});
export type FeePriceChange = z.infer<typeof feePriceChangeSchema>;

// ---- classification and ticket billing
export const billingCalculateQuerySchema = z.object({
  dr: drNumberSchema.optional(),
  projectId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  ticketType: z.enum(TICKET_TYPES).default('fault'),
  priority: z.enum(TICKET_PRIORITIES).default('medium'),
  faultCause: z.enum(FAULT_CAUSES).optional(),
  /** Classify as of this instant (default: now). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type BillingCalculateQuery = z.infer<typeof billingCalculateQuerySchema>;

export const costSchema = z.object({
  hours: z.number(),
  labourCents: z.number().int(),
  partsCents: z.number().int(),
  travelCents: z.number().int(),
  totalCents: z.number().int(),
});
export type Cost = z.infer<typeof costSchema>;

export const ticketBillingSchema = z.object({
  ticketId: z.string(),
  ticketUid: z.string(),
  billingType: z.enum(BILLING_TYPES),
  reason: z.string(),
  guaranteeExpiresAt: z.string().nullable(),
  contractId: z.string().nullable(),
  feeScheduleId: z.string().nullable(),
  requiresApproval: z.boolean(),
  afterHours: z.boolean(),
  estimated: costSchema.nullable(),
  actual: costSchema.nullable(),
  approvalStatus: z.enum(APPROVAL_STATUSES).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  invoiceRequestedAt: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoicedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketBilling = z.infer<typeof ticketBillingSchema>;

export const approveBodySchema = z.object({ reason: z.string().trim().max(2000).optional() }).strict();
export const rejectBodySchema = z.object({ reason: z.string().trim().min(3, 'Say why the work is rejected').max(2000) }).strict();
export type DecisionInput = { reason?: string };

export const actualsBodySchema = z
  .object({
    hours,
    partsCents: cents().default(0),
    trips: z.number().int().min(0).max(50).default(1),
    /** Default: as the ticket was estimated (its creation time). */
    afterHours: z.boolean().optional(),
  })
  .strict();
export type ActualsInput = z.infer<typeof actualsBodySchema>;

export const pendingQueueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PendingQueueQuery = z.infer<typeof pendingQueueQuerySchema>;

// ---- invoicing
export const invoiceQuerySchema = z.object({ uid: trimmed(1, 40).toUpperCase().optional() });
export const invoiceBodySchema = z
  .object({
    uid: trimmed(1, 40).toUpperCase().optional(),
    clientId: z.uuid().optional(),
    /** Period of resolution dates, inclusive, in the business timezone. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .refine((v) => !(v.from && v.to) || v.to >= v.from, { message: 'to must not be before from', path: ['to'] });
export type InvoiceBody = z.infer<typeof invoiceBodySchema>;

export const invoiceLinePayloadSchema = z.object({
  ticketUid: z.string(),
  drNumber: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int().min(0),
  subtotalCents: z.number().int().min(0),
  vatRatePercent: z.number(),
  vatCents: z.number().int().min(0),
  totalCents: z.number().int().min(0),
  currency: z.literal('ZAR'),
  resolvedOn: z.string().nullable(),
});
export type InvoiceLinePayload = z.infer<typeof invoiceLinePayloadSchema>;

/** GET billing-invoices: the list (newest first, optionally one client's), or one invoice with its lines (?id=). */
export const invoiceListQuerySchema = z
  .object({
    id: z.string().trim().min(1).max(60).optional(),
    clientId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>;

/** GET billing-invoices-pdf?id=: one invoice as a PDF (by id or number, e.g. INV-000001). */
export const invoicePdfQuerySchema = z.object({ id: z.string().trim().min(1).max(60) }).strict();
