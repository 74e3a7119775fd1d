// /api/ticketing/network-projects: the register's projects: search + keyset paging (GET), create (POST), edit or deactivate (PATCH ?id=).
import { z } from 'zod';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createProject, editProject, searchProjects } from '@/src/modules/ticketing/services/network/registerService';
import { idQuerySchema, networkProjectSchema, projectCreateSchema, projectRegisterQuerySchema, projectUpdateSchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'network:read',
    summary: 'Search the register projects (keyset paging)',
    query: projectRegisterQuerySchema,
    response: z.array(networkProjectSchema),
    handler: async (ctx) => {
      const page = await searchProjects(ctx, ctx.query);
      return new Reply(page.items, { meta: { nextCursor: page.nextCursor, limit: ctx.query.limit, count: page.items.length } });
    },
  }),
  POST: method({
    access: 'network:manage',
    summary: 'Create a project of a client',
    body: projectCreateSchema,
    status: 201,
    response: networkProjectSchema,
    handler: async (ctx) => new Reply(await createProject(ctx, ctx.body), { status: 201, message: 'Project created' }),
  }),
  PATCH: method({
    access: 'network:manage',
    summary: 'Edit or deactivate a project (active: false); projects are never deleted',
    query: idQuerySchema,
    body: projectUpdateSchema,
    response: networkProjectSchema,
    handler: (ctx) => editProject(ctx, ctx.query.id, ctx.body),
  }),
});
