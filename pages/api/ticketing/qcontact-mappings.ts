// /api/ticketing/qcontact-mappings: the QContact category -> priority table and the status tables (in and out).
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { getMappings, putMappings } from '@/src/modules/ticketing/services/qcontact/qcontactAdminService';
import { qcontactMappingsBodySchema } from '@/src/modules/ticketing/types/qcontact';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'inbound:manage', summary: 'QContact mapping tables', handler: (ctx) => getMappings(ctx) }),
  PUT: method({
    access: 'integrations:manage',
    summary: 'Replace the QContact mapping tables',
    body: qcontactMappingsBodySchema,
    handler: async (ctx) => new Reply(await putMappings(ctx, ctx.body), { message: 'Mappings saved' }),
  }),
});
