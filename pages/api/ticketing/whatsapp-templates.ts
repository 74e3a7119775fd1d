// /api/ticketing/whatsapp-templates: the status-change messages to a ticket's chat, each on or off.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getStatusTemplates, updateStatusTemplates } from '@/src/modules/ticketing/services/whatsapp/unmatchedService';
import { statusTemplatesSchema } from '@/src/modules/ticketing/types/whatsapp';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'inbound:manage', summary: 'WhatsApp status-change templates and whether each is on', handler: (ctx) => getStatusTemplates(ctx) }),
  PUT: method({ access: 'inbound:manage', summary: 'Switch WhatsApp status-change templates on or off', body: statusTemplatesSchema, handler: (ctx) => updateStatusTemplates(ctx, ctx.body) }),
});
