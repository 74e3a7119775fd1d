// /api/ticketing/tickets-whatsapp?id=: a ticket's WhatsApp conversation (with delivery state), and an agent's reply.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { getConversation, replyOnWhatsapp } from '@/src/modules/ticketing/services/whatsapp/conversationService';
import { ticketRefQuerySchema, whatsappReplySchema } from '@/src/modules/ticketing/types/whatsapp';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'tickets:read', summary: "A ticket's WhatsApp conversation", query: ticketRefQuerySchema, handler: (ctx) => getConversation(ctx, ctx.query.id) }),
  POST: method({
    access: 'tickets:note',
    summary: 'Reply on WhatsApp (optionally quoting a message); queued in the outbox',
    query: ticketRefQuerySchema,
    body: whatsappReplySchema,
    handler: async (ctx) => new Reply(await replyOnWhatsapp(ctx, ctx.query.id, ctx.body), { status: 202, message: 'Queued for WhatsApp' }),
  }),
});
