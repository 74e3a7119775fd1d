// npm run worker: the background worker as its own process (PostgreSQL only: claims with FOR UPDATE SKIP LOCKED,
// so any number can run). On PGlite the worker runs inside `npm start`, which owns the embedded database.
import { getConfig } from '@/src/lib/config';
import { moduleLogger } from '@/src/lib/logger';
import { systemClock } from '@/src/lib/clock';
import { loadWorkerJobs, startWorkerLoops } from '@/src/modules/ticketing/jobs/worker';
import { describeTarget, fail, openDatabase } from './cli';

async function main(): Promise<void> {
  if (getConfig().dbDriver === 'pglite') {
    console.error('npm run worker needs PostgreSQL (DATABASE_URL). With the embedded PGlite database the worker runs inside npm start.');
    process.exit(1);
  }
  const { config, db } = await openDatabase();
  const log = moduleLogger('worker');
  const deps = { db, config, clock: systemClock, log };
  console.log(`Worker on ${describeTarget(config)}, every ${config.WORKER_INTERVAL_MS} ms (inbound events: ${config.WORKER_INBOUND_INTERVAL_MS} ms once drained). Ctrl+C stops it.`);
  const loop = startWorkerLoops(deps, await loadWorkerJobs(deps), { intervalMs: config.WORKER_INTERVAL_MS, inboundMs: config.WORKER_INBOUND_INTERVAL_MS });
  const stop = async () => {
    await loop.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch(fail);
