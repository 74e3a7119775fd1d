// Schemas of the email review actions: open a stored mail as a ticket, or link it to an existing ticket.
import { z } from 'zod';

export const emailReviewBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open'), id: z.string().uuid() }).strict(),
  z.object({ action: z.literal('link'), id: z.string().uuid(), ticket: z.string().trim().min(1).max(64) }).strict(),
]);
export type EmailReviewBody = z.infer<typeof emailReviewBodySchema>;
