// /api/ticketing/tickets-attachments?id=: list (GET), download (GET &attachmentId=), upload one file (POST multipart).
import { z } from 'zod';
import { method, Reply, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';
import { getAttachments, openAttachment, uploadAttachment } from '@/src/modules/ticketing/services/attachmentService';

export const config = { api: { bodyParser: false } };

const query = z.object({
  id: z.string().trim().min(1).max(64),
  attachmentId: z.string().uuid().optional(),
  inline: z.enum(['1', '0']).optional(),
});

const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

export default withRoute({
  GET: method({
    access: 'tickets:read',
    summary: 'List attachments, or download one with attachmentId',
    query,
    handler: async (ctx) => {
      if (!ctx.query.attachmentId) return getAttachments(ctx, ctx.query.id);
      const { meta, body } = await openAttachment(ctx, ctx.query.id, ctx.query.attachmentId);
      const inline = ctx.query.inline === '1' && INLINE_SAFE.has(meta.mimeType);
      ctx.res.writeHead(200, {
        'Content-Type': meta.mimeType,
        'Content-Length': String(meta.sizeBytes),
        'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=0',
        ETag: `"${meta.sha256}"`,
      });
      body.pipe(ctx.res);
      await new Promise((resolve) => ctx.res.on('close', resolve));
      return STREAMED;
    },
  }),
  POST: method({
    access: 'tickets:attach',
    summary: 'Upload one attachment (multipart/form-data, field "file")',
    query: query.pick({ id: true }),
    bodyMode: 'stream',
    status: 201,
    handler: async (ctx) => new Reply(await uploadAttachment(ctx, ctx.query.id, ctx.req), { status: 201, message: 'Attachment uploaded' }),
  }),
});
