// Zod schemas for the inbound review queue and the integration status page.
import { z } from 'zod';
import { INBOUND_STATUSES } from './enums';

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item).min(1).max(20));

export const inboundListQuerySchema = z.object({
  source: csv(z.string().trim().min(1).max(40)).optional(),
  status: csv(z.enum(INBOUND_STATUSES)).optional(),
  ticketId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type InboundListQuery = z.infer<typeof inboundListQuerySchema>;

/** retry: process again; dismiss: a person decided it needs nothing (kept, marked ignored). */
export const inboundActionBodySchema = z
  .object({ id: z.uuid(), action: z.enum(['retry', 'dismiss']), note: z.string().trim().max(500).optional() })
  .strict();
export type InboundActionInput = z.infer<typeof inboundActionBodySchema>;
