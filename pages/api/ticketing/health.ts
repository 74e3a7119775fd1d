// GET /api/ticketing/health: liveness, database reachability and migration state (no auth).
import { migrationStatus } from '@/src/lib/db/migrate';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'public',
    handler: async ({ db }) => {
      const started = Date.now();
      await db.query('SELECT 1');
      const migrations = await migrationStatus(db);
      const ok = migrations.pending.length === 0;
      return new Reply(
        {
          status: ok ? 'ok' : 'degraded',
          database: { reachable: true, dialect: db.dialect, latencyMs: Date.now() - started },
          migrations: { applied: migrations.applied.length, pending: migrations.pending },
        },
        { status: ok ? 200 : 503 },
      );
    },
  }),
});
