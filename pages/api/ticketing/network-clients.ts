// /api/ticketing/network-clients: the register's clients: search + keyset paging (GET), create (POST), edit or deactivate (PATCH ?id=).
import { z } from 'zod';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createClient, editClient, searchClients } from '@/src/modules/ticketing/services/network/registerService';
import { clientCreateSchema, clientUpdateSchema, idQuerySchema, networkClientSchema, registerListQuerySchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'network:read',
    summary: 'Search the register clients (keyset paging)',
    query: registerListQuerySchema,
    response: z.array(networkClientSchema),
    handler: async (ctx) => {
      const page = await searchClients(ctx, ctx.query);
      return new Reply(page.items, { meta: { nextCursor: page.nextCursor, limit: ctx.query.limit, count: page.items.length } });
    },
  }),
  POST: method({
    access: 'network:manage',
    summary: 'Create a client',
    body: clientCreateSchema,
    status: 201,
    response: networkClientSchema,
    handler: async (ctx) => new Reply(await createClient(ctx, ctx.body), { status: 201, message: 'Client created' }),
  }),
  PATCH: method({
    access: 'network:manage',
    summary: 'Edit or deactivate a client (active: false); clients are never deleted',
    query: idQuerySchema,
    body: clientUpdateSchema,
    response: networkClientSchema,
    handler: (ctx) => editClient(ctx, ctx.query.id, ctx.body),
  }),
});
