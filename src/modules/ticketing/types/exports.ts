// Zod schemas for the exports: a ticket list filter (as the list takes it, without paging) plus a format; one ticket.
import { z } from 'zod';
import { ticketListQuerySchema } from './ticketList';

export const EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportTicketsQuerySchema = ticketListQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ format: z.enum(EXPORT_FORMATS, 'format is csv or pdf') })
  .strict();
export type ExportTicketsQuery = z.infer<typeof exportTicketsQuerySchema>;

export const exportTicketQuerySchema = z.object({ id: z.string().trim().min(1, 'id (ticket id or UID) is required').max(64) }).strict();
export type ExportTicketQuery = z.infer<typeof exportTicketQuerySchema>;
