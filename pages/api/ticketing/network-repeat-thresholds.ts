// /api/ticketing/network-repeat-thresholds: the repeat-fault thresholds per element kind (GET), edited by managers (PATCH).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getThresholds, updateThresholds } from '@/src/modules/ticketing/services/network/repeatFaultService';
import { thresholdsBodySchema } from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'network:read', summary: 'Repeat-fault thresholds (faults in the window per drop, pole, PON, zone)', handler: (ctx) => getThresholds(ctx) }),
  PATCH: method({
    access: 'network:manage',
    summary: 'Edit repeat-fault thresholds',
    body: thresholdsBodySchema,
    handler: (ctx) => updateThresholds(ctx, ctx.body.thresholds),
  }),
});
