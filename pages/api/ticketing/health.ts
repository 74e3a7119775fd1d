// GET /api/ticketing/health: liveness, database reachability and migration state (no auth).
// 200 when the database answers and every migration is applied; 503 with the reason otherwise.
import { ServiceUnavailableError } from '@/src/lib/api/errors';
import { checkDatabase } from '@/src/lib/db/health';
import { migrationStatus } from '@/src/lib/db/migrate';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'public',
    summary: 'Liveness, database reachability and migration state',
    handler: async ({ db }) => {
      const database = await checkDatabase(db);
      if (!database.reachable) {
        throw new ServiceUnavailableError('The database is unreachable', {
          database: { reachable: false, dialect: db.dialect, reason: database.reason },
        });
      }
      const migrations = await migrationStatus(db);
      const ok = migrations.pending.length === 0;
      return new Reply(
        {
          status: ok ? 'ok' : 'degraded',
          ...(ok ? {} : { reason: `${migrations.pending.length} migration(s) pending: run npm run db:migrate` }),
          database: { reachable: true, dialect: db.dialect, latencyMs: database.latencyMs },
          migrations: { applied: migrations.applied.length, pending: migrations.pending },
        },
        { status: ok ? 200 : 503 },
      );
    },
  }),
});
