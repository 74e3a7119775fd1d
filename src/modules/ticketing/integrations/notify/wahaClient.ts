// A small WAHA client for notifications: POST {WAHA_URL}/api/sendText with X-Api-Key (see contracts/waha.md).
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

export async function wahaSendText(config: AppConfig, msg: { chatId: string; text: string }): Promise<{ id: string | null }> {
  if (!config.WAHA_URL) throw new WahaError(0, 'WhatsApp is not configured (set WAHA_URL)');
  const res = await fetch(`${config.WAHA_URL.replace(/\/$/, '')}/api/sendText`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': config.WAHA_API_KEY ?? '' },
    body: JSON.stringify({ session: config.WAHA_SESSION, chatId: msg.chatId, text: msg.text }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!res.ok) throw new WahaError(res.status, `WAHA answered ${res.status}: ${text.slice(0, 300)}`);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { id: wahaMessageId(body) };
}
