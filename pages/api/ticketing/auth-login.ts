// POST /api/ticketing/auth-login: local email + password login; sets the signed session cookie.
import { z } from 'zod';
import { login } from '@/src/lib/auth/login';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

const body = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });

export default withRoute({
  POST: method({
    access: 'public',
    body,
    handler: async ({ db, config: cfg, clock, body: b, req }) => {
      const result = await login(db, cfg, { ...b, clientKey: req.socket.remoteAddress ?? '' }, clock.now());
      return new Reply({ user: result.user, expiresAt: result.expiresAt.toISOString() }, { headers: { 'Set-Cookie': result.cookie }, message: 'Logged in' });
    },
  }),
});
