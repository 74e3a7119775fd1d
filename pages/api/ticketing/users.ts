// GET /api/ticketing/users?role=technician,agent: active users, for assignment pickers.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { listUsers } from '@/src/modules/ticketing/services/userService';
import { USER_ROLES } from '@/src/modules/ticketing/types/enums';

export const config = { api: { bodyParser: false } };

const roles = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.enum(USER_ROLES)).optional(),
);

export default withRoute({
  GET: method({
    access: 'users:read',
    summary: 'List active users',
    query: z.object({ role: roles }),
    handler: (ctx) => listUsers(ctx, ctx.query.role),
  }),
});
