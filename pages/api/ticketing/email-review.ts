// POST /api/ticketing/email-review: open a set-aside mail (automatic, unparseable, ignored) as a ticket, or link it
// to a ticket as an external note.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { settleEmail } from '@/src/modules/ticketing/services/email/emailReviewService';
import { emailReviewBodySchema } from '@/src/modules/ticketing/types/email';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'inbound:manage',
    summary: 'Open a mail from the review queue as a ticket, or link it to a ticket',
    body: emailReviewBodySchema,
    handler: async (ctx) => new Reply(await settleEmail(ctx, ctx.body), { message: ctx.body.action === 'open' ? 'Opened as a ticket' : 'Linked to the ticket' }),
  }),
});
