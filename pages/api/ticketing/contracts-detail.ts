// /api/ticketing/contracts-detail?id=: read, update or deactivate one client contract.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { deactivateContract, getContract, updateClientContract } from '@/src/modules/ticketing/services/billing/contractService';
import { contractUpdateSchema, idQuerySchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'contracts:read', summary: 'Get a client contract', query: idQuerySchema, handler: (ctx) => getContract(ctx, ctx.query.id) }),
  PATCH: method({
    access: 'contracts:manage',
    summary: 'Update a client contract',
    query: idQuerySchema,
    body: contractUpdateSchema,
    handler: (ctx) => updateClientContract(ctx, ctx.query.id, ctx.body),
  }),
  DELETE: method({
    access: 'contracts:manage',
    summary: 'Deactivate a client contract (past billing decisions keep referring to it)',
    query: idQuerySchema,
    handler: async (ctx) => new Reply(await deactivateContract(ctx, ctx.query.id), { message: 'Contract deactivated' }),
  }),
});
