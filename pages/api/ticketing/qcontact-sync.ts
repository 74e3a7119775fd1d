// POST /api/ticketing/qcontact-sync: "sync now" from the integration page (admins), whatever the schedule.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { syncNow } from '@/src/modules/ticketing/services/qcontact/qcontactAdminService';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({ access: 'integrations:manage', summary: 'Run one QContact sync now', handler: (ctx) => syncNow(ctx) }),
});
