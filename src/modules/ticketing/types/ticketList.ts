// Zod schema of the ticket list query: filters (comma lists or repeated keys), sort and keyset paging.
import { z } from 'zod';
import { isStrictDateOrTimestamp } from '@/src/lib/isoTime';
import { BILLING_TYPES, SLA_STATES, TICKET_PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, TICKET_TYPES } from './enums';

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean)),
    z.array(z.enum(values)).min(1).optional(),
  );

const isoDate = z
  .string()
  .refine(isStrictDateOrTimestamp, 'Expected an ISO date (YYYY-MM-DD) or date-time, years 0001-9999')
  .optional();

export const TICKET_SORTS = ['created_at', 'updated_at', 'priority', 'due_at', 'ticket_uid', 'status'] as const;

export const ticketListQuerySchema = z
  .object({
    status: list(TICKET_STATUSES),
    priority: list(TICKET_PRIORITIES),
    source: list(TICKET_SOURCES),
    type: list(TICKET_TYPES),
    slaState: list(SLA_STATES),
    billingType: list(BILLING_TYPES),
    assignee: z.union([z.literal('me'), z.literal('unassigned'), z.string().uuid()]).optional(),
    // "DR17343", "dr17343" or just the digits "17343": a prefix of the DR number.
    dr: z.string().trim().toUpperCase().overwrite((s) => s.replace(/^(DR)?\s*(\d{1,7})$/, 'DR$2')).regex(/^DR\d{1,7}$/, 'A DR number is DR and up to 7 digits, e.g. DR1734472').optional(),
    project: z.string().uuid().optional(),
    client: z.string().uuid().optional(),
    tag: z.string().trim().toLowerCase().max(40).optional(),
    createdFrom: isoDate,
    createdTo: isoDate,
    q: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(TICKET_SORTS).default('created_at'),
    order: z.enum(['asc', 'desc']).default('desc'),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;
