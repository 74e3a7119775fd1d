// GET /api/ticketing/auth-me: the logged-in user and what their role may do.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { ROLE_PERMISSIONS, type Permission } from '@/src/modules/ticketing/services/permissions';
import type { UserRole } from '@/src/modules/ticketing/types/enums';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'authenticated',
    handler: async ({ user, config: cfg }) => ({
      user,
      permissions: (ROLE_PERMISSIONS[user.role as UserRole] ?? []) as readonly Permission[],
      timeZone: cfg.BUSINESS_TIMEZONE,
      // The browser checks a file against these before uploading it.
      uploads: { maxBytes: cfg.ATTACHMENT_MAX_BYTES, allowedTypes: cfg.allowedAttachmentTypes },
    }),
  }),
});
