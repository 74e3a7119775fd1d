// GET /api/ticketing/integrations-status: per channel, configured or not, last event, backlog, failures and dead items.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getIntegrationsStatus } from '@/src/modules/ticketing/services/integrationStatusService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'inbound:manage', summary: 'Health of every integration channel', handler: (ctx) => getIntegrationsStatus(ctx) }),
});
