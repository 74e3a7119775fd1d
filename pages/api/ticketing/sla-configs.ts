// /api/ticketing/sla-configs: list the SLA targets per ticket type and priority, create one, change one (?id=).
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { changeConfig, createConfig, listConfigs } from '@/src/modules/ticketing/services/sla/slaConfigService';
import { idQuerySchema, slaConfigCreateSchema, slaConfigListQuerySchema, slaConfigSchema, slaConfigUpdateSchema } from '@/src/modules/ticketing/types/sla';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'sla:read', summary: 'List SLA configs', query: slaConfigListQuerySchema, response: slaConfigSchema.array(), handler: (ctx) => listConfigs(ctx, ctx.query) }),
  POST: method({
    access: 'sla:manage',
    summary: 'Create the SLA config of a ticket type and priority',
    body: slaConfigCreateSchema,
    response: slaConfigSchema,
    status: 201,
    handler: async (ctx) => new Reply(await createConfig(ctx, ctx.body), { status: 201, message: 'SLA config created' }),
  }),
  PATCH: method({
    access: 'sla:manage',
    summary: 'Change an SLA config (applies to tickets whose targets are set from now on)',
    query: idQuerySchema,
    body: slaConfigUpdateSchema,
    response: slaConfigSchema,
    handler: (ctx) => changeConfig(ctx, ctx.query.id, ctx.body),
  }),
});
