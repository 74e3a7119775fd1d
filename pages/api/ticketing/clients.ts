// GET /api/ticketing/clients: the network owners work is done for, with how many projects each has.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getClients } from '@/src/modules/ticketing/services/organisationService';
import { clientSchema } from '@/src/modules/ticketing/types/organisations';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'tickets:read', summary: 'List clients', response: z.array(clientSchema), handler: (ctx) => getClients(ctx) }),
});
