// npm run db:seed: migrate, then load the demo data (idempotent: a second run adds nothing).
import { migrate } from '@/src/lib/db/migrate';
import { moduleLogger } from '@/src/lib/logger';
import { seedDemo } from '@/src/modules/ticketing/seed';
import { demoLoginText, describeTarget, fail, openDatabase } from './cli';

async function main(): Promise<void> {
  const { config, db } = await openDatabase();
  try {
    console.log(`Seeding ${describeTarget(config)}`);
    await migrate(db);
    const s = await seedDemo({ db, config, log: moduleLogger('seed').child({}, { level: 'warn' }), now: new Date() });
    const added = Object.entries(s).filter(([, n]) => n > 0);
    console.log(added.length ? `Added ${added.map(([k, n]) => `${n} ${k}`).join(', ')}.` : 'Demo data already present: nothing changed.');
    console.log(`\n${demoLoginText(config.APP_URL)}\n`);
  } finally {
    await db.close();
  }
}

main().catch(fail);
