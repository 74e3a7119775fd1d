// Zod schemas for the WhatsApp conversation routes: reply, start a conversation, retry, the unmatched queue, templates.
import { z } from 'zod';
import { TICKET_PRIORITIES, TICKET_TYPES } from './enums';
import { drNumberSchema } from './tickets';

export const ticketRefQuerySchema = z.object({ id: z.string().trim().min(1).max(100) });

export const whatsappReplySchema = z
  .object({
    text: z.string().trim().min(1, 'A message needs text').max(4000),
    /** Our id of the customer's message being quoted. */
    replyTo: z.uuid().optional(),
  })
  .strict();
export type WhatsappReplyInput = z.infer<typeof whatsappReplySchema>;

export const whatsappStartSchema = z
  .object({
    phone: z.string().trim().regex(/^\+?[\d ()-]{9,20}$/, 'A phone number, e.g. +27 82 123 4567 or 082 123 4567'),
    drNumber: drNumberSchema,
    text: z.string().trim().min(1, 'A message needs text').max(4000),
    title: z.string().trim().min(1).max(300).optional(),
    ticketType: z.enum(TICKET_TYPES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
  })
  .strict();
export type WhatsappStartInput = z.infer<typeof whatsappStartSchema>;

export const whatsappRetrySchema = z.object({ messageId: z.uuid() }).strict();

export const unmatchedListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UnmatchedListQuery = z.infer<typeof unmatchedListQuerySchema>;

export const unmatchedActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('link'), messageId: z.uuid(), ticket: z.string().trim().min(1).max(100) }).strict(),
  z
    .object({
      action: z.literal('open'),
      messageId: z.uuid(),
      drNumber: drNumberSchema,
      title: z.string().trim().min(1).max(300).optional(),
      ticketType: z.enum(TICKET_TYPES).optional(),
      priority: z.enum(TICKET_PRIORITIES).optional(),
    })
    .strict(),
  z.object({ action: z.literal('dismiss'), messageId: z.uuid() }).strict(),
]);
export type UnmatchedActionInput = z.infer<typeof unmatchedActionSchema>;

export const statusTemplatesSchema = z.object({ templates: z.record(z.string(), z.boolean()) }).strict();
export type StatusTemplatesInput = z.infer<typeof statusTemplatesSchema>;
