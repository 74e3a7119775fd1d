// Neon serverless adapter (DATABASE_DRIVER=neon): Neon's Pool over WebSockets, same API as pg's Pool.
import { Pool, neonConfig, types } from '@neondatabase/serverless';
import WebSocket from 'ws';
import { createPoolDb, type PoolLike } from './pool';
import { DEFAULT_DB_TIMEOUTS, poolTimeouts, type DbTimeouts } from './pg';
import type { Db } from './types';

export interface NeonOptions {
  /**
   * Routes the WebSocket through a wsproxy at host:port/path (no protocol); the driver appends
   * ?address=db-host:db-port. Used against a non-Neon PostgreSQL (local development, tests).
   */
  wsProxy?: string;
  /** wss:// to the proxy (default false when a proxy is given: a local proxy speaks plain ws://). */
  secure?: boolean;
  timeouts?: DbTimeouts;
}

export function createNeonDb(connectionString: string, max = 10, opts: NeonOptions = {}): Db {
  neonConfig.webSocketConstructor = WebSocket;
  if (opts.wsProxy) {
    neonConfig.wsProxy = opts.wsProxy;
    neonConfig.useSecureWebSocket = opts.secure ?? false;
    // A plain PostgreSQL behind a proxy does no TLS inside the socket and may not use password auth.
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  types.setTypeParser(20, (v: string) => Number(v));
  types.setTypeParser(1082, (v: string) => v);
  const pool = new Pool({ connectionString, max, ...poolTimeouts(opts.timeouts ?? DEFAULT_DB_TIMEOUTS) });
  pool.on('error', () => undefined);
  return createPoolDb(pool as unknown as PoolLike, 'neon');
}
