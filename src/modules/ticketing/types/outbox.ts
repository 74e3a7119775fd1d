// Zod schemas for the outbox review queue: list filters and the retry request.
import { z } from 'zod';
import { OUTBOX_STATUSES } from './enums';

export const outboxListQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  kind: z.string().trim().min(1).max(100).optional(),
  ticketId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OutboxListQuery = z.infer<typeof outboxListQuerySchema>;

export const outboxRetryBodySchema = z.object({ id: z.uuid() }).strict();
export type OutboxRetryInput = z.infer<typeof outboxRetryBodySchema>;
