// Zod schemas for SLA configs, the business calendar, pauses and the SLA report (entities and requests).
import { z } from 'zod';
import { PAUSE_REASONS, TICKET_PRIORITIES, TICKET_TYPES } from './enums';
import { notificationLogSchema } from './notifications';

export const SLA_TARGETS = ['response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export const SLA_THRESHOLDS = ['warning', 'escalation', 'breach'] as const;
export type SlaThreshold = (typeof SLA_THRESHOLDS)[number];

const hours = z.number().positive().max(8760).multipleOf(0.01, 'Hours have at most two decimals');
const pct = z.number().int().min(1).max(99);

export const slaConfigSchema = z.object({
  id: z.string().uuid(),
  ticketType: z.enum(TICKET_TYPES),
  priority: z.enum(TICKET_PRIORITIES),
  responseHours: z.number(),
  resolutionHours: z.number(),
  businessHoursOnly: z.boolean(),
  warningPct: z.number().int(),
  escalationPct: z.number().int(),
  responseWarningPct: z.number().int(),
  responseEscalationPct: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlaConfig = z.infer<typeof slaConfigSchema>;

const slaConfigFields = {
  responseHours: hours,
  resolutionHours: hours,
  businessHoursOnly: z.boolean(),
  warningPct: pct,
  escalationPct: pct,
  responseWarningPct: pct,
  responseEscalationPct: pct,
  active: z.boolean(),
};

/** The cross-field rules, checked on a create and on the merged result of an update. */
export function slaConfigProblems(c: Pick<SlaConfig, 'responseHours' | 'resolutionHours' | 'warningPct' | 'escalationPct' | 'responseWarningPct' | 'responseEscalationPct'>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (c.responseHours > c.resolutionHours) out.push({ field: 'responseHours', message: 'The response target cannot be longer than the resolution target' });
  if (c.warningPct >= c.escalationPct) out.push({ field: 'escalationPct', message: 'Escalation must come after the warning' });
  if (c.responseWarningPct >= c.responseEscalationPct) out.push({ field: 'responseEscalationPct', message: 'Escalation must come after the warning' });
  return out;
}

export const slaConfigCreateSchema = z
  .object({
    ticketType: z.enum(TICKET_TYPES),
    priority: z.enum(TICKET_PRIORITIES),
    ...slaConfigFields,
    businessHoursOnly: slaConfigFields.businessHoursOnly.default(true),
    warningPct: pct.default(75),
    escalationPct: pct.default(90),
    responseWarningPct: pct.default(75),
    responseEscalationPct: pct.default(90),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const p of slaConfigProblems(c)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
export type SlaConfigCreateInput = z.infer<typeof slaConfigCreateSchema>;

export const slaConfigUpdateSchema = z
  .object(slaConfigFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change');
export type SlaConfigUpdateInput = z.infer<typeof slaConfigUpdateSchema>;

export const slaConfigListQuerySchema = z
  .object({
    ticketType: z.enum(TICKET_TYPES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();
export type SlaConfigListQuery = z.infer<typeof slaConfigListQuerySchema>;

export const idQuerySchema = z.object({ id: z.string().uuid() }).strict();

const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time is HH:MM between 00:00 and 24:00');
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

export const workingIntervalSchema = z
  .object({ start: clockTime, end: clockTime })
  .strict()
  .refine((i) => toMinutes(i.end) > toMinutes(i.start), { message: 'A working interval ends after it starts', path: ['end'] });

const dayHours = z
  .array(workingIntervalSchema)
  .max(4)
  .refine((list) => [...list].sort((a, b) => toMinutes(a.start) - toMinutes(b.start)).every((i, n, s) => n === 0 || toMinutes(i.start) >= toMinutes(s[n - 1].end)), 'Working intervals of a day may not overlap');

export const workingHoursSchema = z
  .object({ sun: dayHours, mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours })
  .strict()
  .refine((w) => Object.values(w).some((d) => d.length > 0), 'At least one day needs working hours');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a calendar date');

export const closedDaySchema = z.object({ day: z.string(), reason: z.string() });

export const businessCalendarSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  timezone: z.string(),
  holidayCountry: z.string().nullable(),
  workingHours: workingHoursSchema,
  closedDays: z.array(closedDaySchema),
  publicHolidays: z.array(z.object({ day: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
export type BusinessCalendarView = z.infer<typeof businessCalendarSchema>;

export const calendarQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();

export const calendarUpdateSchema = z
  .object({
    timezone: z.string().min(1).max(64).optional(),
    workingHours: workingHoursSchema.optional(),
    holidayCountry: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Give at least one field to change');
export type CalendarUpdateInput = z.infer<typeof calendarUpdateSchema>;

export const closedDayCreateSchema = z.object({ day: isoDate, reason: z.string().trim().min(1).max(200) }).strict();
export type ClosedDayInput = z.infer<typeof closedDayCreateSchema>;
export const closedDayQuerySchema = z.object({ day: isoDate }).strict();

export const slaPauseSchema = z.object({
  id: z.string().uuid(),
  ticketId: z.string().uuid(),
  reason: z.enum(PAUSE_REASONS),
  note: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  pausedBusinessMinutes: z.number().nullable(),
  createdBy: z.string().nullable(),
});
export type SlaPause = z.infer<typeof slaPauseSchema>;

export const slaEventSchema = z.object({
  target: z.enum(SLA_TARGETS),
  threshold: z.enum(SLA_THRESHOLDS),
  cycle: z.number().int(),
  percent: z.number().int(),
  thresholdAt: z.string(),
  dueAt: z.string(),
  firedAt: z.string(),
});
export type SlaEvent = z.infer<typeof slaEventSchema>;

export const slaReportQuerySchema = z
  .object({ id: z.string().trim().min(1).max(100).optional(), from: isoDate.optional(), to: isoDate.optional() })
  .strict();
export type SlaReportQuery = z.infer<typeof slaReportQuerySchema>;

export const slaSweepResultSchema = z.object({ warned: z.number().int(), escalated: z.number().int(), breached: z.number().int() });

export const pauseTotalSchema = z.object({ reason: z.enum(PAUSE_REASONS), pauses: z.number().int(), businessMinutes: z.number() });

export const slaReportSchema = z.object({
  ticket: z.object({ id: z.string(), ticketUid: z.string(), cycle: z.number().int() }).nullable(),
  pauses: z.array(slaPauseSchema),
  totals: z.array(pauseTotalSchema),
  events: z.array(slaEventSchema),
  notifications: z.array(notificationLogSchema),
});
export type SlaReport = z.infer<typeof slaReportSchema>;

/** A ticket's SLA targets in business seconds (null: no target of that kind). */
export interface SlaTargetSeconds {
  responseSeconds: number | null;
  resolutionSeconds: number | null;
}

/** The thresholds, in percent of each target, at which the warning and the escalation fire. */
export interface SlaThresholdPcts {
  warningPct: number;
  escalationPct: number;
  responseWarningPct: number;
  responseEscalationPct: number;
}

/** Where a ticket's targets came from. */
export interface SlaTargetOrigin {
  source: 'config' | 'contract';
  configId: string | null;
  contractId: string | null;
  businessHours: boolean;
}
