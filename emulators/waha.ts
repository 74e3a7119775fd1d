// A loopback WAHA (WhatsApp HTTP API) speaking contracts/waha.md: send endpoints with the X-Api-Key check and engine-shaped
// answers, recorded calls, media files, @lid lookups, and signed webhooks pushed to the app (retries of the same event,
// `message.any` twins, echoes of our sends, acks in any order); it can fail, lag, or go down on command.
// Run for the demo: npx tsx emulators/waha.ts --port 4020 --webhook http://localhost:3000/api/ticketing/tickets-webhook-whatsapp
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { envelope, incomingMessage, newMessageKey, OUR_NUMBER, SAMPLE_MEDIA, serializedId, type IncomingOptions } from './wahaMessages';

export interface WahaSend {
  path: string;
  session: string;
  chatId: string;
  text: string | null;
  replyTo: string | null;
  file: unknown;
  id: string;
}

export interface WahaEmulatorOptions {
  apiKey: string;
  port?: number;
  session?: string;
  /** Where webhooks are pushed (the app's tickets-webhook-whatsapp). */
  webhookUrl?: string;
  /** HMAC-SHA512 key for X-Webhook-Hmac; unsigned when absent. */
  hmacKey?: string;
  /** Push `message.any` echoes of our own sends (source api) after answering a send. */
  echoSends?: boolean;
}

export interface PushOptions {
  /** Deliver the identical request this many times (WAHA's retries). */
  times?: number;
  /** Sign with this key instead (a bad signature), or false for no signature at all. */
  hmacKey?: string | false;
  rawBody?: string;
}

export interface WahaEmulator {
  url: string;
  sends: WahaSend[];
  /** Every request to the API, including refused ones. */
  requests: { path: string; status: number }[];
  lids: Map<string, string>;
  /** Stores a media file and returns the URL a webhook would carry. */
  addMedia(kind: keyof typeof SAMPLE_MEDIA, messageKey?: string): { url: string; mimetype: string; filename: string | null };
  message(o: IncomingOptions): Record<string, unknown>;
  /** Pushes one event; resolves with the HTTP status of each delivery. */
  push(event: string, payload: unknown, o?: PushOptions): Promise<number[]>;
  /** A message under both `message` and `message.any` (a session subscribed to both). */
  pushTwins(payload: unknown): Promise<number[]>;
  ack(id: string, ack: number, o?: { fromMe?: boolean; to?: string }): Promise<number[]>;
  setWebhook(url: string): void;
  /** The next n sends answer this status (default 500) without sending. */
  failNext(n: number, status?: number): void;
  setDelay(ms: number): void;
  /** Stops listening (the app sees connection refused) until start() again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWahaEmulator(o: WahaEmulatorOptions): Promise<WahaEmulator> {
  const session = o.session ?? 'default';
  const sends: WahaSend[] = [];
  const requests: WahaEmulator['requests'] = [];
  const lids = new Map<string, string>();
  const files = new Map<string, { mimetype: string; bytes: Buffer }>();
  let failures = 0;
  let failStatus = 500;
  let delayMs = 0;
  let port = o.port ?? 0;
  let server: Server | null = null;
  let url = '';

  const send = (res: ServerResponse, status: number, body: unknown, path: string) => {
    requests.push({ path, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/_emulator/sends') return send(res, 200, sends, path);
    if (req.headers['x-api-key'] !== o.apiKey) return send(res, 401, { message: 'Unauthorized', statusCode: 401 }, path);
    const file = files.get(path);
    if (req.method === 'GET' && file) {
      requests.push({ path, status: 200 });
      res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) });
      return void res.end(file.bytes);
    }
    const lid = /^\/api\/([^/]+)\/lids\/(.+)$/.exec(path);
    if (req.method === 'GET' && lid) {
      const pn = lids.get(decodeURIComponent(lid[2]));
      return pn ? send(res, 200, { lid: decodeURIComponent(lid[2]), pn }, path) : send(res, 404, { message: 'Not found', statusCode: 404 }, path);
    }
    if (req.method !== 'POST' || !['/api/sendText', '/api/sendImage', '/api/sendFile', '/api/sendSeen', '/api/startTyping', '/api/stopTyping'].includes(path)) {
      return send(res, 404, { message: 'Not found', statusCode: 404 }, path);
    }
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return send(res, 400, { message: 'Bad JSON', statusCode: 400 }, path);
    }
    if (typeof b.chatId !== 'string' || !/@(c\.us|g\.us|lid)$/.test(b.chatId)) return send(res, 400, { message: 'chatId is required (…@c.us, …@g.us or …@lid)', statusCode: 400 }, path);
    if (b.chatId.startsWith('270000')) return send(res, 422, { message: 'This number is not on WhatsApp', statusCode: 422 }, path);
    if (!path.startsWith('/api/send') || path === '/api/sendSeen') return send(res, 200, { result: true }, path);
    if (failures > 0) {
      failures -= 1;
      return send(res, failStatus, { message: 'Emulated failure', statusCode: failStatus }, path);
    }
    const key = newMessageKey();
    const id = serializedId(true, b.chatId, key);
    const text = typeof b.text === 'string' ? b.text : typeof b.caption === 'string' ? b.caption : null;
    sends.push({ path, session: String(b.session), chatId: b.chatId, text, replyTo: typeof b.reply_to === 'string' ? b.reply_to : null, file: b.file ?? null, id });
    send(res, 201, { id: { fromMe: true, remote: b.chatId, id: key, _serialized: id }, ack: 0, body: text ?? '', from: OUR_NUMBER, to: b.chatId, fromMe: true, timestamp: Math.floor(Date.now() / 1000) }, path);
    if (o.echoSends) {
      const echo = { id, timestamp: Math.floor(Date.now() / 1000), from: OUR_NUMBER, fromMe: true, to: b.chatId, body: text ?? '', hasMedia: Boolean(b.file), media: null, ack: 1, ackName: 'SERVER', source: 'api', _data: {} };
      setTimeout(() => void api.push('message.any', echo).catch(() => undefined), 5);
    }
  }

  const api: WahaEmulator = {
    get url() {
      return url;
    },
    sends,
    requests,
    lids,
    addMedia(kind, messageKey = newMessageKey()) {
      const m = SAMPLE_MEDIA[kind];
      const path = `/api/files/${session}/${messageKey}.${m.ext}`;
      files.set(path, { mimetype: m.mimetype, bytes: m.bytes });
      return { url: `${url}${path}`, mimetype: m.mimetype, filename: m.filename };
    },
    message: (mo) => incomingMessage(mo),
    async push(event, payload, po = {}) {
      if (!o.webhookUrl) throw new Error('No webhookUrl to push to');
      const raw = po.rawBody ?? JSON.stringify(envelope(event, payload, session));
      const key = po.hmacKey === undefined ? o.hmacKey : po.hmacKey;
      const headers: Record<string, string> = {
        'content-type': 'application/json', 'user-agent': 'WAHA/2025.1.1', 'x-webhook-request-id': randomUUID(), 'x-webhook-timestamp': String(Date.now()),
      };
      if (key) Object.assign(headers, { 'x-webhook-hmac': createHmac('sha512', key).update(raw).digest('hex'), 'x-webhook-hmac-algorithm': 'sha512' });
      const statuses: number[] = [];
      for (let i = 0; i < (po.times ?? 1); i += 1) statuses.push((await fetch(o.webhookUrl, { method: 'POST', headers, body: raw })).status);
      return statuses;
    },
    async pushTwins(payload) {
      return [...(await api.push('message', payload)), ...(await api.push('message.any', payload))];
    },
    ack(id, ack, ao = {}) {
      const names: Record<number, string> = { [-1]: 'ERROR', 0: 'PENDING', 1: 'SERVER', 2: 'DEVICE', 3: 'READ', 4: 'PLAYED' };
      return api.push('message.ack', { id, from: OUR_NUMBER, to: ao.to, fromMe: ao.fromMe ?? true, ack, ackName: names[ack] });
    },
    setWebhook(webhookUrl) {
      o.webhookUrl = webhookUrl;
    },
    failNext(n, status = 500) {
      failures = n;
      failStatus = status;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())));
    },
    async start() {
      const s = createServer((req, res) => {
        handle(req, res).catch(() => send(res, 500, { message: 'Emulator error', statusCode: 500 }, req.url ?? ''));
      });
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
      port = (s.address() as { port: number }).port;
      url = `http://127.0.0.1:${port}`;
      server = s;
    },
    close: () => api.stop(),
  };
  await api.start();
  return api;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startWahaEmulator({
    apiKey: arg('api-key', 'demo-waha-key'), port: Number(arg('port', '4020')), webhookUrl: arg('webhook', 'http://localhost:3000/api/ticketing/tickets-webhook-whatsapp'),
    hmacKey: arg('hmac-key', 'demo-waha-webhook-key'), echoSends: true,
  }).then((e) => console.log(`WAHA emulator on ${e.url} (WAHA_URL=${e.url})`));
}
