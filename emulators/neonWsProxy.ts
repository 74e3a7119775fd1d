// A WebSocket-to-TCP proxy speaking the contract of Neon's wsproxy: the client opens ws://host:port/v1?address=
// db-host:db-port and every binary frame is the PostgreSQL wire protocol, piped both ways to that TCP address.
// Lets DATABASE_DRIVER=neon (Neon's serverless Pool) run against a local PostgreSQL in tests and demos.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';

export interface NeonWsProxy {
  /** host:port/v1, the value for neonConfig.wsProxy / NEON_WS_PROXY (no protocol). */
  proxy: string;
  port: number;
  /** How many WebSocket connections were proxied so far (tests assert traffic really went through). */
  connections(): number;
  close(): Promise<void>;
}

export interface NeonWsProxyOptions {
  /** Only these host:port targets may be reached (default: anything on loopback). */
  allow?: (host: string, port: number) => boolean;
}

const loopbackOnly = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

export async function startNeonWsProxy(opts: NeonWsProxyOptions = {}): Promise<NeonWsProxy> {
  const allow = opts.allow ?? ((host: string) => loopbackOnly(host));
  let count = 0;
  const http: Server = createServer((_req, res) => {
    res.statusCode = 426;
    res.end('WebSocket upgrade required');
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const sep = address.lastIndexOf(':');
    const host = sep > 0 ? address.slice(0, sep) : address;
    const port = sep > 0 ? Number(address.slice(sep + 1)) : 5432;
    if (!host || !Number.isInteger(port) || !allow(host, port)) {
      ws.close(1008, `address not allowed: ${address}`);
      return;
    }
    count += 1;
    const tcp = connect(port, host);
    const early: Buffer[] = [];
    let open = false;
    tcp.on('connect', () => {
      open = true;
      for (const b of early.splice(0)) tcp.write(b);
    });
    tcp.on('data', (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    });
    tcp.on('close', () => ws.close());
    tcp.on('error', () => ws.close(1011, 'upstream error'));
    ws.on('message', (data: RawData) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (open) tcp.write(buf);
      else early.push(buf);
    });
    ws.on('close', () => tcp.destroy());
    ws.on('error', () => tcp.destroy());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  return {
    proxy: `127.0.0.1:${port}/v1`,
    port,
    connections: () => count,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
