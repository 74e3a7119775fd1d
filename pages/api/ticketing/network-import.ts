// /api/ticketing/network-import: bulk import of the drop register. POST ?client= (multipart file) previews;
// PATCH ?id= { action: 'preview', mapping } re-previews, { action: 'confirm' } applies (NDJSON progress on request).
import { z } from 'zod';
import { UnprocessableError, ValidationError } from '@/src/lib/api/errors';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { withProgress } from '@/src/modules/ticketing/api/progressStream';
import { confirmImport, getImport, listImports, previewImport, remapImport } from '@/src/modules/ticketing/services/network/dropImportService';
import { importActionSchema, importQuerySchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'network:manage',
    summary: 'Recent register imports, or one import (preview outcome, status) with ?id=',
    query: importQuerySchema,
    handler: (ctx) => (ctx.query.id ? getImport(ctx, ctx.query.id) : listImports(ctx)),
  }),
  POST: method({
    access: 'network:manage',
    summary: 'Upload a drop register (.xlsx or .csv, field "file") for a client and preview it',
    query: importQuerySchema,
    bodyMode: 'stream',
    status: 201,
    handler: async (ctx) => {
      if (!ctx.query.client) throw new ValidationError('Invalid request query', { location: 'query', fields: [{ field: 'client', message: 'Say which client the register belongs to', code: 'custom' }] });
      return new Reply(await previewImport(ctx, ctx.query.client, ctx.req), { status: 201, message: 'Preview ready' });
    },
  }),
  PATCH: method({
    access: 'network:manage',
    summary: 'Preview again with an edited column mapping, or confirm (apply in one transaction)',
    query: importQuerySchema.extend({ id: z.string().trim().min(1).max(64) }),
    body: importActionSchema,
    handler: async (ctx) => {
      if (ctx.body.action === 'preview') return remapImport(ctx, ctx.query.id, ctx.body.mapping ?? {});
      const batch = await getImport(ctx, ctx.query.id);
      if (batch.status !== 'preview') return confirmImport(ctx, ctx.query.id);
      if ('missingRequired' in batch.summary && batch.summary.missingRequired.length) {
        throw new UnprocessableError(`Map the required columns first: ${batch.summary.missingRequired.join(', ')}`, { field: 'mapping' });
      }
      return withProgress(ctx, 'Register imported', (progress) => confirmImport(ctx, ctx.query.id, progress));
    },
  }),
});
