// GET /api/ticketing/billing-invoices-pdf?id=<id or INV-number>: one invoice as a PDF (streamed).
import { pipeline } from 'node:stream/promises';
import { method, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';
import { exportInvoicePdf } from '@/src/modules/ticketing/services/billing/invoiceListService';
import { invoicePdfQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'billing:invoice',
    summary: 'One invoice as a PDF: client, period, lines, VAT and total',
    query: invoicePdfQuerySchema,
    handler: async (ctx) => {
      const file = await exportInvoicePdf(ctx, ctx.query.id);
      ctx.res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file.fileName}"`, 'Cache-Control': 'no-store', 'X-Request-Id': ctx.requestId });
      await pipeline(file.stream, ctx.res);
      return STREAMED;
    },
  }),
});
