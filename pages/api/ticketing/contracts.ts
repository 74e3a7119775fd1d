// /api/ticketing/contracts: list client contracts (filters) and create one.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createContract, listClientContracts } from '@/src/modules/ticketing/services/billing/contractService';
import { contractCreateSchema, contractListQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'contracts:read', summary: 'List client contracts', query: contractListQuerySchema, handler: (ctx) => listClientContracts(ctx, ctx.query) }),
  POST: method({
    access: 'contracts:manage',
    summary: 'Create a client contract (a project, or all the client’s projects)',
    body: contractCreateSchema,
    status: 201,
    handler: async (ctx) => new Reply(await createContract(ctx, ctx.body), { status: 201, message: 'Contract created' }),
  }),
});
