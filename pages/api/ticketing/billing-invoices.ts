// GET /api/ticketing/billing-invoices: invoices newest first (amount, client, lines, state), or one with its lines (?id=).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getInvoice, listInvoicesFor } from '@/src/modules/ticketing/services/billing/invoiceListService';
import { invoiceListQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'billing:invoice',
    summary: 'Invoices (newest first, optionally one client), or one invoice with its lines and their delivery state',
    query: invoiceListQuerySchema,
    handler: async (ctx) => (ctx.query.id ? getInvoice(ctx, ctx.query.id) : listInvoicesFor(ctx, ctx.query)),
  }),
});
