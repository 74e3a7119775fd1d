// GET /api/ticketing/projects?client=: projects with their client and drop count.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getProjects } from '@/src/modules/ticketing/services/organisationService';
import { projectListQuerySchema, projectSchema } from '@/src/modules/ticketing/types/organisations';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:read',
    summary: 'List projects, optionally of one client',
    query: projectListQuerySchema,
    response: z.array(projectSchema),
    handler: (ctx) => getProjects(ctx, ctx.query.client),
  }),
});
