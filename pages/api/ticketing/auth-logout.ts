// POST /api/ticketing/auth-logout: revokes the session row and clears the cookie.
import { logout } from '@/src/lib/auth/login';
import { sessionIdFromRequest } from '@/src/lib/auth/authenticate';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

export default withRoute({
  POST: method({
    access: 'public',
    handler: async ({ db, config: cfg, clock, req }) => {
      const cookie = await logout(db, sessionIdFromRequest(req, cfg, clock.now()), clock.now());
      return new Reply(null, { headers: { 'Set-Cookie': cookie }, message: 'Logged out' });
    },
  }),
});
