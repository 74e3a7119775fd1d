// Neon serverless adapter (DATABASE_DRIVER=neon): Neon's Pool over WebSockets, same API as pg's Pool.
import { Pool, neonConfig, types } from '@neondatabase/serverless';
import WebSocket from 'ws';
import { createPoolDb, type PoolLike } from './pool';
import type { Db } from './types';

export interface NeonOptions {
  /** Routes the WebSocket through a proxy (host:port/path), e.g. a local wsproxy in tests. */
  wsProxy?: string;
  secure?: boolean;
}

export function createNeonDb(connectionString: string, max = 10, opts: NeonOptions = {}): Db {
  neonConfig.webSocketConstructor = WebSocket;
  if (opts.wsProxy) {
    const proxy = opts.wsProxy;
    neonConfig.wsProxy = () => proxy;
    neonConfig.useSecureWebSocket = opts.secure ?? false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  types.setTypeParser(20, (v: string) => Number(v));
  types.setTypeParser(1082, (v: string) => v);
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return createPoolDb(pool as unknown as PoolLike, 'neon');
}
