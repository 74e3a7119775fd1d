// The SMS provider: one HTTP provider for a bulk-SMS REST gateway (SMS_URL, SMS_API_KEY, SMS_SENDER).
// Contract: POST {SMS_URL}/messages, `Authorization: Bearer <key>`, `Idempotency-Key`, JSON `{from, to, text}`
// (to in E.164, e.g. +27821234567) -> 2xx `{id, status}`; 4xx is a refusal, 5xx and timeouts are retried.
import type { AppConfig } from '@/src/lib/config';

export class SmsError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmsError';
  }
  get permanent(): boolean {
    return this.status === 0 || (this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429);
  }
}

export interface SmsProvider {
  send(msg: { to: string; text: string; idempotencyKey: string }): Promise<{ id: string | null }>;
}

/** E.164 from international digits, a chat id or a local 0XX number (South Africa). */
export function toE164(phoneOrChat: string): string | null {
  const digits = phoneOrChat.split('@')[0].replace(/\D/g, '');
  const intl = digits.length === 10 && digits.startsWith('0') ? `27${digits.slice(1)}` : digits;
  return intl.length >= 10 && intl.length <= 15 ? `+${intl}` : null;
}

export function httpSmsProvider(config: AppConfig): SmsProvider {
  return {
    async send(msg) {
      if (!config.SMS_URL) throw new SmsError(0, 'SMS is not configured (set SMS_URL)');
      const res = await fetch(`${config.SMS_URL.replace(/\/$/, '')}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.SMS_API_KEY ?? ''}`, 'idempotency-key': msg.idempotencyKey },
        body: JSON.stringify({ from: config.SMS_SENDER, to: msg.to, text: msg.text }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (!res.ok) throw new SmsError(res.status, `SMS gateway answered ${res.status}: ${text.slice(0, 300)}`);
      let id: string | null = null;
      try {
        const b = JSON.parse(text) as { id?: unknown };
        id = typeof b.id === 'string' ? b.id : null;
      } catch {
        id = null;
      }
      return { id };
    },
  };
}
