// PATCH /api/ticketing/tickets-eta?id=<id or UID>: set or clear the technician's expected arrival. Technicians may do this
// on tickets assigned to them (they cannot edit other fields); agents and managers on any ticket. Written to history.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { updateTicket } from '@/src/modules/ticketing/services/ticketService';
import { etaChangeSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

const query = z.object({ id: z.string().trim().min(1, 'id (ticket id or UID) is required').max(64) });

export default withRoute({
  PATCH: method({
    access: 'tickets:eta',
    summary: "Set or clear the technician's arrival time (ISO date-time with offset, from now to 60 days ahead; null clears)",
    query,
    body: etaChangeSchema,
    handler: (ctx) => updateTicket(ctx, ctx.query.id, { version: ctx.body.version, etaAt: ctx.body.etaAt }),
  }),
});
