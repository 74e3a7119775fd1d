// A loopback bulk-SMS REST gateway with the contract our SMS provider speaks (integrations/notify/smsClient.ts):
// POST /messages, Bearer key, Idempotency-Key (a replay answers the first result), {from, to, text} -> 201 {id, status}.
// Run for the demo: npx tsx emulators/sms.ts --port 4021 --api-key demo-sms-key
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export interface SmsMessage {
  id: string;
  from: string;
  to: string;
  text: string;
  idempotencyKey: string | null;
}

export interface SmsEmulator {
  url: string;
  messages: SmsMessage[];
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSmsEmulator(o: { apiKey: string; port?: number }): Promise<SmsEmulator> {
  const messages: SmsMessage[] = [];
  const byKey = new Map<string, SmsMessage>();
  let failures = 0;
  let failStatus = 503;
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.headers.authorization !== `Bearer ${o.apiKey}`) return send(res, 401, { error: 'unauthorized' });
    if (path === '/messages' && req.method === 'GET') return send(res, 200, { data: messages });
    if (path !== '/messages' || req.method !== 'POST') return send(res, 404, { error: 'not_found' });
    const raw = await readBody(req);
    if (failures > 0) {
      failures -= 1;
      return send(res, failStatus, { error: 'emulated failure' });
    }
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const seen = key ? byKey.get(key) : undefined;
    if (seen) return send(res, 200, { id: seen.id, status: 'queued', replayed: true });
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error: 'invalid_json' });
    }
    if (typeof b.to !== 'string' || !/^\+\d{10,15}$/.test(b.to)) return send(res, 400, { error: 'to must be E.164' });
    if (typeof b.text !== 'string' || !b.text) return send(res, 400, { error: 'text is required' });
    const m: SmsMessage = { id: `sms_${randomUUID()}`, from: String(b.from ?? ''), to: b.to, text: b.text, idempotencyKey: key };
    messages.push(m);
    if (key) byKey.set(key, m);
    return send(res, 201, { id: m.id, status: 'queued' });
  }
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: 'emulator error' }));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    failNext(n, status = 503) {
      failures = n;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startSmsEmulator({ apiKey: arg('api-key', 'demo-sms-key'), port: Number(arg('port', '4021')) }).then((e) => console.log(`SMS emulator on ${e.url} (SMS_URL=${e.url})`));
}
