// Schemas of the weekly report import: the upload's query (client, edited mapping), the confirm body, the list query.
import { z } from 'zod';

const header = z.string().trim().min(1).max(200).nullable();
export const columnMappingSchema = z
  .object({ ftRef: header, drNumber: header, area: header, issue: header, status: header, date: header })
  .partial()
  .strict();

/** The mapping arrives in the upload's query string as JSON. */
const mappingParam = z
  .string()
  .max(4000)
  .transform((s, c) => {
    try {
      return columnMappingSchema.parse(JSON.parse(s));
    } catch {
      c.addIssue({ code: 'custom', message: 'mapping must be a JSON object of field -> header text (ftRef, drNumber, area, issue, status, date)' });
      return z.NEVER;
    }
  });

export const importUploadQuerySchema = z.object({
  clientId: z.string().uuid().optional(),
  mapping: mappingParam.optional(),
});
export type ImportUploadQuery = z.infer<typeof importUploadQuerySchema>;

export const importConfirmBodySchema = z
  .object({
    action: z.literal('confirm'),
    uploadId: z.string().uuid(),
    fileName: z.string().trim().min(1).max(200),
    clientId: z.string().uuid().optional().nullable(),
    mapping: columnMappingSchema.optional(),
  })
  .strict();
export type ImportConfirmBody = z.infer<typeof importConfirmBodySchema>;

export const importListQuerySchema = z.object({
  id: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ImportListQuery = z.infer<typeof importListQuerySchema>;
