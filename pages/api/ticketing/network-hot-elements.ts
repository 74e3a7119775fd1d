// GET /api/ticketing/network-hot-elements: network elements with an open repeat-fault ticket, for the dashboard list and map.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getHotElements } from '@/src/modules/ticketing/services/network/repeatFaultService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'stats:read', summary: 'Hot network elements (open repeat-fault tickets) and the map tile settings', handler: (ctx) => getHotElements(ctx) }),
});
