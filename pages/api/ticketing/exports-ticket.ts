// GET /api/ticketing/exports-ticket?id=<id or UID>: one ticket with its timeline as a PDF (streamed).
import { pipeline } from 'node:stream/promises';
import { method, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';
import { exportTicket } from '@/src/modules/ticketing/services/exports/exportService';
import { exportTicketQuerySchema } from '@/src/modules/ticketing/types/exports';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:export',
    summary: 'One ticket and its timeline as a PDF',
    query: exportTicketQuerySchema,
    handler: async (ctx) => {
      const file = await exportTicket(ctx, ctx.query.id);
      ctx.res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-store', 'X-Request-Id': ctx.requestId });
      await pipeline(file.stream, ctx.res);
      return STREAMED;
    },
  }),
});
