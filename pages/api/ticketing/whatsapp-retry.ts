// POST /api/ticketing/whatsapp-retry: sends a failed WhatsApp message again (through the outbox).
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { retryWhatsappMessage } from '@/src/modules/ticketing/services/whatsapp/conversationService';
import { whatsappRetrySchema } from '@/src/modules/ticketing/types/whatsapp';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'tickets:note',
    summary: 'Send a failed WhatsApp message again',
    body: whatsappRetrySchema,
    handler: async (ctx) => new Reply(await retryWhatsappMessage(ctx, ctx.body.messageId), { status: 202, message: 'Queued again' }),
  }),
});
