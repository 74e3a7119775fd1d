// GET /api/ticketing/exports-tickets?format=csv|pdf&<list filters>: the current list filter as a streamed file.
import { pipeline } from 'node:stream/promises';
import { method, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';
import { exportTickets } from '@/src/modules/ticketing/services/exports/exportService';
import { exportTicketsQuerySchema } from '@/src/modules/ticketing/types/exports';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:export',
    summary: 'Export the tickets of a list filter as CSV or as a PDF report (streamed)',
    query: exportTicketsQuerySchema,
    handler: async (ctx) => {
      const file = await exportTickets(ctx, ctx.query);
      ctx.res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-store', 'X-Request-Id': ctx.requestId });
      await pipeline(file.stream, ctx.res);
      return STREAMED;
    },
  }),
});
