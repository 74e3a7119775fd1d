// npm run receiver: the channels' webhook routes (WAHA, email, QContact) and health on RECEIVER_PORT, served by a bare
// node:http server instead of Next.js (the same handlers: signature checks, storage, envelope and logs). PostgreSQL
// only, as the worker: the embedded PGlite database has one owner, the npm start process.
import type { AddressInfo } from 'node:net';
import { getConfig } from '@/src/lib/config';
import { createReceiver } from '@/src/lib/http/receiver';
import { moduleLogger } from '@/src/lib/logger';
import { getRuntime } from '@/src/lib/runtime';
import { refuseToStart, startupProblem } from '@/src/lib/startup';
import { describeTarget, fail } from './cli';
import { RECEIVER_ROUTES } from './receiverRoutes';

async function main(): Promise<void> {
  const problem = startupProblem();
  if (problem) refuseToStart(problem);
  const config = getConfig();
  if (config.dbDriver === 'pglite') {
    console.error('npm run receiver needs PostgreSQL (DATABASE_URL). With the embedded PGlite database, npm start serves the webhooks itself.');
    process.exit(1);
  }
  await getRuntime(); // the pool opens (and a database that is down says so) before the port does
  const server = createReceiver(RECEIVER_ROUTES);
  await new Promise<void>((resolve) => server.listen(config.RECEIVER_PORT, resolve));
  const port = (server.address() as AddressInfo).port;
  moduleLogger('receiver').info({ port, routes: Object.keys(RECEIVER_ROUTES) }, 'webhook receiver listening');
  console.log(`Webhook receiver on port ${port} (${describeTarget(config)}): ${Object.keys(RECEIVER_ROUTES).join(', ')}. Ctrl+C stops it.`);
  const stop = () => {
    // Requests in flight finish (each is stored before it is answered); then the pool closes.
    server.close(() => void getRuntime().then((rt) => rt.db.close()).finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(fail);
