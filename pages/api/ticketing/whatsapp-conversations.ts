// POST /api/ticketing/whatsapp-conversations: start a WhatsApp conversation about a drop (opens a whatsapp_outbound ticket).
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { startWhatsappConversation } from '@/src/modules/ticketing/services/whatsapp/conversationService';
import { whatsappStartSchema } from '@/src/modules/ticketing/types/whatsapp';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'tickets:create',
    summary: 'Start a WhatsApp conversation about a drop with a phone number',
    body: whatsappStartSchema,
    handler: async (ctx) => new Reply(await startWhatsappConversation(ctx, ctx.body), { status: 201, message: 'Conversation started' }),
  }),
});
