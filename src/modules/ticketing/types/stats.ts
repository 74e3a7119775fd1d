// Zod schemas for the dashboard figures (GET tickets-stats): the query and the response.
import { z } from 'zod';

export const statsQuerySchema = z
  .object({
    /** How many days the created/resolved series covers, ending today in the business timezone. */
    days: z.coerce.number().int().min(1).max(90).default(14),
  })
  .strict();
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const countMap = z.record(z.string(), z.number().int());

export const ticketStatsSchema = z.object({
  /** Technicians see figures for their own tickets only. */
  scope: z.enum(['all', 'mine']),
  timezone: z.string(),
  open: z.object({ total: z.number().int(), byStatus: countMap, bySource: countMap, byPriority: countMap }),
  sla: z.object({ warning: z.number().int(), escalated: z.number().int(), breached: z.number().int(), paused: z.number().int() }),
  pendingApprovals: z.object({ count: z.number().int(), totalCents: z.number().int() }),
  perDay: z.array(z.object({ date: z.string(), created: z.number().int(), resolved: z.number().int() })),
  mine: z.object({ open: z.number().int(), blocked: z.number().int(), breached: z.number().int() }),
});
export type TicketStats = z.infer<typeof ticketStatsSchema>;
