// GET /api/ticketing/tickets-lookup-drop?dr=DR1234567: drop, project, client, address, install date, guarantee.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { lookupDrop } from '@/src/modules/ticketing/services/dropLookupService';
import { drNumberSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'drops:lookup',
    summary: 'Look up a drop by DR number',
    query: z.object({ dr: drNumberSchema }),
    handler: (ctx) => lookupDrop(ctx, ctx.query.dr),
  }),
});
