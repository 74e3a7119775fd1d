// A loopback invoicing system with the client's contract: API key, one line per Idempotency-Key, switches to fail or be slow.
// Run for the demo: npx tsx emulators/invoicing.ts --port 4010 --api-key demo-invoicing-key
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

export interface EmulatedInvoiceLine {
  id: string;
  idempotencyKey: string;
  reference: string;
  drNumber: string | null;
  client: { id: string | null; name: string | null };
  description: string;
  quantity: number;
  unitPrice: string;
  vatRate: string;
  vat: string;
  total: string;
  currency: string;
  serviceDate: string | null;
  receivedAt: string;
}

export interface InvoicingEmulator {
  url: string;
  /** Lines stored, in arrival order (each idempotency key once). */
  lines: EmulatedInvoiceLine[];
  /** POSTs received, including refused and replayed ones. */
  requests: { idempotencyKey: string | null; status: number }[];
  /** The next n line POSTs answer 503 without storing anything. */
  failNext(n: number): void;
  /** Every answer waits this long first. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const cents = (s: unknown) => (typeof s === 'string' && /^\d+\.\d{2}$/.test(s) ? Number(s.replace('.', '')) : NaN);

/** Checks the line's arithmetic the way a real ledger would: quantity x unit price + VAT = total. */
function validate(b: Record<string, unknown>): string | null {
  if (typeof b.reference !== 'string' || !b.reference) return 'reference is required';
  if (typeof b.description !== 'string' || !b.description) return 'description is required';
  if (!Number.isInteger(b.quantity) || (b.quantity as number) < 1) return 'quantity must be a positive integer';
  const unit = cents(b.unitPrice);
  const vat = cents(b.vat);
  const total = cents(b.total);
  if ([unit, vat, total].some(Number.isNaN)) return 'unitPrice, vat and total are decimal strings with two places';
  if (unit * (b.quantity as number) + vat !== total) return 'total must equal quantity x unitPrice + vat';
  if (b.currency !== 'ZAR') return 'currency must be ZAR';
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startInvoicingEmulator(o: { apiKey: string; port?: number }): Promise<InvoicingEmulator> {
  const lines: EmulatedInvoiceLine[] = [];
  const requests: InvoicingEmulator['requests'] = [];
  const byKey = new Map<string, EmulatedInvoiceLine>();
  let failures = 0;
  let delayMs = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.headers['x-api-key'] !== o.apiKey) return send(res, 401, { error: { code: 'unauthorized', message: 'Invalid API key' } });
    if (path === '/v1/invoice-lines' && req.method === 'GET') return send(res, 200, { data: lines });
    if (path !== '/v1/invoice-lines' || req.method !== 'POST') return send(res, 404, { error: { code: 'not_found', message: 'No such endpoint' } });
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const raw = await readBody(req);
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      requests.push({ idempotencyKey: key, status });
      send(res, status, body, headers);
    };
    if (!key) return answer(400, { error: { code: 'idempotency_key_required', message: 'Idempotency-Key header is required' } });
    if (failures > 0) {
      failures -= 1;
      return answer(503, { error: { code: 'unavailable', message: 'Temporarily unavailable (emulated)' } });
    }
    const seen = byKey.get(key);
    if (seen) return answer(200, seen, { 'idempotent-replayed': 'true' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return answer(400, { error: { code: 'invalid_json', message: 'Body is not JSON' } });
    }
    const problem = validate(body);
    if (problem) return answer(422, { error: { code: 'invalid_line', message: problem } });
    const line = { ...(body as Omit<EmulatedInvoiceLine, 'id' | 'idempotencyKey' | 'receivedAt'>), id: `INVL-${randomUUID()}`, idempotencyKey: key, receivedAt: new Date().toISOString() };
    byKey.set(key, line);
    lines.push(line);
    return answer(201, line);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { code: 'internal', message: 'Emulator error' } }));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    lines,
    requests,
    failNext: (n) => {
      failures = n;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startInvoicingEmulator({ apiKey: arg('api-key', 'demo-invoicing-key'), port: Number(arg('port', '4010')) }).then((e) => {
    console.log(`Invoicing emulator on ${e.url} (INVOICING_URL=${e.url})`);
  });
}
