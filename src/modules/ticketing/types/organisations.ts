// Zod schemas of the organisations tickets belong to: clients (network owners) and their projects.
import { z } from 'zod';

export const clientSchema = z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), projectCount: z.number().int() });
export type ClientSummary = z.infer<typeof clientSchema>;

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  region: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  dropCount: z.number().int(),
});
export type ProjectSummary = z.infer<typeof projectSchema>;

export const projectListQuerySchema = z.object({ client: z.string().uuid().optional() }).strict();
