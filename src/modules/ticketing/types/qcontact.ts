// Zod schemas for QContact: the editable mapping tables, a ticket's link state and retrying one of its writes.
import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './enums';

const label = z.string().trim().min(1).max(100);

export const categoryRuleSchema = z
  .object({
    category: z.string().trim().min(1).max(200),
    subcategory: z.string().trim().max(200).default(''),
    priority: z.enum(TICKET_PRIORITIES),
    ticketType: z.enum(TICKET_TYPES).default('fault'),
  })
  .strict();

export const qcontactMappingsBodySchema = z
  .object({
    categories: z.array(categoryRuleSchema).max(500),
    /** QContact status label -> our status. */
    inbound: z.record(label, z.enum(TICKET_STATUSES)),
    /** Our status -> QContact write value, or null (not written back). */
    outbound: z.partialRecord(z.enum(TICKET_STATUSES), label.nullable()),
  })
  .strict()
  .superRefine((m, ctx) => {
    const keys = m.categories.map((c) => `${c.category.toLowerCase()}::${c.subcategory.toLowerCase()}`);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['categories', i], message: 'This category and subcategory are listed twice' });
    });
    const labels = Object.keys(m.inbound).map((k) => k.toLowerCase());
    labels.forEach((k, i) => {
      if (labels.indexOf(k) !== i) ctx.addIssue({ code: 'custom', path: ['inbound', Object.keys(m.inbound)[i]], message: 'This status label is listed twice' });
    });
  });
export type QcontactMappingsInput = z.infer<typeof qcontactMappingsBodySchema>;

export const ticketRefQuerySchema = z.object({ id: z.string().trim().min(1).max(64) });
export const qcontactRetryBodySchema = z.object({ outboxId: z.uuid() }).strict();
