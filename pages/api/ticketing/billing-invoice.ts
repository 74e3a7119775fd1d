// POST /api/ticketing/billing-invoice: invoice lines for approved, resolved billable work; by ?uid= or for a client + period.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { requestInvoice } from '@/src/modules/ticketing/services/billing/invoiceService';
import { invoiceBodySchema, invoiceQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'billing:invoice',
    summary: 'Create invoice line(s); each goes to the invoicing system once (idempotency key = ticket UID)',
    query: invoiceQuerySchema,
    body: invoiceBodySchema,
    handler: async (ctx) => {
      const r = await requestInvoice(ctx, { ...ctx.body, uid: ctx.query.uid ?? ctx.body.uid });
      const created = r.mode === 'single' ? Number(r.created) : r.created;
      return new Reply(r, { status: created > 0 ? 201 : 200, message: created > 0 ? `${created} invoice line(s) queued` : 'No new invoice lines' });
    },
  }),
});
