// /api/ticketing/notification-prefs: the caller's own notification preferences (channels, muted events).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getMyNotificationPrefs, updateMyNotificationPrefs } from '@/src/modules/ticketing/services/notifications/notificationService';
import { notificationPrefsSchema, notificationPrefsUpdateSchema } from '@/src/modules/ticketing/types/notifications';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'authenticated', summary: 'My notification preferences', response: notificationPrefsSchema, handler: (ctx) => getMyNotificationPrefs(ctx) }),
  PATCH: method({ access: 'authenticated', summary: 'Change my notification preferences', body: notificationPrefsUpdateSchema, response: notificationPrefsSchema, handler: (ctx) => updateMyNotificationPrefs(ctx, ctx.body) }),
});
