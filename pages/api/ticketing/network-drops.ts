// /api/ticketing/network-drops: the drop register: search + keyset paging or one drop (GET ?id=), create (POST), edit or deactivate (PATCH ?id=).
import { z } from 'zod';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createDrop, editDrop, getDrop, searchDrops } from '@/src/modules/ticketing/services/network/dropRegisterService';
import { dropCreateSchema, dropRegisterQuerySchema, dropUpdateSchema, idQuerySchema, networkDropSchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

const getQuery = dropRegisterQuerySchema.extend({ id: z.string().trim().min(1).max(64).optional() }).strict();

export default withRoute({
  GET: method({
    access: 'network:read',
    summary: 'Search the drop register (keyset paging by DR number), or one drop by id or DR number',
    query: getQuery,
    handler: async (ctx) => {
      if (ctx.query.id) return getDrop(ctx, ctx.query.id);
      const page = await searchDrops(ctx, ctx.query);
      return new Reply(page.items, { meta: { nextCursor: page.nextCursor, limit: ctx.query.limit, count: page.items.length } });
    },
  }),
  POST: method({
    access: 'network:manage',
    summary: 'Add a drop to the register',
    body: dropCreateSchema,
    status: 201,
    response: networkDropSchema,
    handler: async (ctx) => new Reply(await createDrop(ctx, ctx.body), { status: 201, message: 'Drop created' }),
  }),
  PATCH: method({
    access: 'network:manage',
    summary: 'Edit or deactivate a drop; a new install date or project re-checks the billing of its open tickets',
    query: idQuerySchema,
    body: dropUpdateSchema,
    handler: async (ctx) => {
      const drop = await editDrop(ctx, ctx.query.id, ctx.body);
      const msg = drop.ticketsRechecked ? `Drop updated; ${drop.ticketsRechecked} open ticket(s) re-checked` : 'Drop updated';
      return new Reply(drop, { message: msg });
    },
  }),
});
