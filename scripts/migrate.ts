// npm run db:migrate: apply pending migrations to the configured database (PGlite under .data/ or DATABASE_URL).
import { migrate, migrationStatus } from '@/src/lib/db/migrate';
import { describeTarget, fail, openDatabase } from './cli';

async function main(): Promise<void> {
  const { config, db } = await openDatabase();
  try {
    console.log(`Migrating ${describeTarget(config)}`);
    const applied = await migrate(db);
    const status = await migrationStatus(db);
    for (const name of applied) console.log(`  applied ${name}`);
    console.log(applied.length ? `Applied ${applied.length} migration(s); ${status.applied.length} in total.` : `Up to date (${status.applied.length} migrations).`);
  } finally {
    await db.close();
  }
}

main().catch(fail);
