// POST /api/ticketing/tickets-incident: make a ticket the parent (mass incident) of others; their SLA clocks pause.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { linkIncidentChildren } from '@/src/modules/ticketing/services/network/massIncidentService';
import { incidentLinkSchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'tickets:update',
    summary: 'Link tickets as children of a mass incident (parent)',
    body: incidentLinkSchema,
    handler: (ctx) => linkIncidentChildren(ctx, ctx.body.parentId, ctx.body.childIds),
  }),
});
