// /api/ticketing/whatsapp-unmatched: WhatsApp messages no ticket claimed; link one to a ticket, open a ticket from it, or dismiss it.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { actOnUnmatched, listUnmatchedMessages } from '@/src/modules/ticketing/services/whatsapp/unmatchedService';
import { unmatchedActionSchema, unmatchedListQuerySchema } from '@/src/modules/ticketing/types/whatsapp';

export const config = { api: { bodyParser: false } };

const DONE = { link: 'Linked to the ticket', open: 'Ticket opened', dismiss: 'Dismissed' } as const;

export default withRoute({
  GET: method({
    access: 'tickets:update',
    summary: 'The unmatched WhatsApp queue',
    query: unmatchedListQuerySchema,
    handler: async (ctx) => {
      const r = await listUnmatchedMessages(ctx, ctx.query);
      return new Reply(r.items, { meta: r.meta });
    },
  }),
  POST: method({
    access: 'tickets:update',
    summary: 'Link an unmatched message to a ticket, open a ticket from it, or dismiss it',
    body: unmatchedActionSchema,
    handler: async (ctx) => new Reply(await actOnUnmatched(ctx, ctx.body), { message: DONE[ctx.body.action] }),
  }),
});
