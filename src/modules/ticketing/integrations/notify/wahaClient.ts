// The WAHA client (see contracts/waha.md): sendText (with reply-to), sendImage / sendFile, sendSeen, media download and
// @lid lookup, every call with X-Api-Key. Sends are made only by outbox handlers, never directly by a request.
import type { AppConfig } from '@/src/lib/config';

export class WahaError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'WahaError';
  }
  /** A refusal a retry cannot fix (not configured = status 0, bad key, bad chat id); timeouts and 429 are retried. */
  get permanent(): boolean {
    return this.status === 0 || this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** The id of a sent message, whatever shape the engine answered with (string, {_serialized}, or key.id). */
export function wahaMessageId(body: unknown): string | null {
  const b = (body ?? {}) as { id?: unknown; key?: { id?: unknown } };
  if (typeof b.id === 'string') return b.id;
  const serialized = (b.id as { _serialized?: unknown } | undefined)?._serialized;
  if (typeof serialized === 'string') return serialized;
  return typeof b.key?.id === 'string' ? b.key.id : null;
}

const TIMEOUT_MS = 15_000;

function baseUrl(config: AppConfig): string {
  if (!config.WAHA_URL) throw new WahaError(0, 'WhatsApp is not configured (set WAHA_URL)');
  return config.WAHA_URL.replace(/\/$/, '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function wahaCall(config: AppConfig, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl(config)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': config.WAHA_API_KEY ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new WahaError(res.status, `WAHA answered ${res.status}: ${text.slice(0, 300)}`);
  return parseJson(text);
}

export interface WahaSent {
  id: string | null;
  ack: number | null;
}

function sent(body: unknown): WahaSent {
  const ack = (body as { ack?: unknown } | null)?.ack;
  return { id: wahaMessageId(body), ack: typeof ack === 'number' ? ack : null };
}

export async function wahaSendText(config: AppConfig, msg: { chatId: string; text: string; replyTo?: string | null }): Promise<WahaSent> {
  const body: Record<string, unknown> = { session: config.WAHA_SESSION, chatId: msg.chatId, text: msg.text };
  if (msg.replyTo) body.reply_to = msg.replyTo;
  return sent(await wahaCall(config, 'POST', '/api/sendText', body));
}

export interface WahaFile {
  mimetype: string;
  filename?: string;
  url?: string;
  data?: string;
}

/** sendImage for images, sendFile for anything else; `file` carries exactly one of url or data. */
export async function wahaSendFile(config: AppConfig, msg: { chatId: string; file: WahaFile; caption?: string; replyTo?: string | null }): Promise<WahaSent> {
  const path = msg.file.mimetype.startsWith('image/') ? '/api/sendImage' : '/api/sendFile';
  const body: Record<string, unknown> = { session: config.WAHA_SESSION, chatId: msg.chatId, file: msg.file };
  if (msg.caption) body.caption = msg.caption;
  if (msg.replyTo) body.reply_to = msg.replyTo;
  return sent(await wahaCall(config, 'POST', path, body));
}

export async function wahaSendSeen(config: AppConfig, msg: { chatId: string; messageIds?: string[]; participant?: string }): Promise<void> {
  await wahaCall(config, 'POST', '/api/sendSeen', { session: config.WAHA_SESSION, ...msg });
}

/** The phone number behind an @lid id (`{lid, pn}`), or null when WAHA does not know it. */
export async function wahaLookupLid(config: AppConfig, lid: string): Promise<string | null> {
  try {
    const body = (await wahaCall(config, 'GET', `/api/${encodeURIComponent(config.WAHA_SESSION)}/lids/${encodeURIComponent(lid)}`)) as { pn?: unknown } | null;
    return typeof body?.pn === 'string' && body.pn ? body.pn : null;
  } catch (err) {
    if (err instanceof WahaError && err.status === 404) return null;
    throw err;
  }
}

/**
 * Fetches a received message's media from the URL WAHA gave (never built by us), with the API key. The body is
 * returned as a web stream for the caller to size-check and store.
 */
export async function wahaDownloadMedia(config: AppConfig, url: string): Promise<{ body: ReadableStream<Uint8Array>; contentType: string | null; length: number | null }> {
  const res = await fetch(url, { headers: { 'x-api-key': config.WAHA_API_KEY ?? '' }, signal: AbortSignal.timeout(60_000) });
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw new WahaError(res.status, `WAHA media answered ${res.status}: ${text.slice(0, 200)}`);
  }
  const len = Number(res.headers.get('content-length'));
  return { body: res.body, contentType: res.headers.get('content-type'), length: Number.isFinite(len) && len > 0 ? len : null };
}
