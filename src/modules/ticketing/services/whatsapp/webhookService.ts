// tickets-webhook-whatsapp: checks WAHA's HMAC-SHA512 signature over the exact bytes (when WAHA_WEBHOOK_KEY is set),
// parses the envelope and stores it in inbound_events before anything else; the worker processes it later.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError, ValidationError } from '@/src/lib/api/errors';
import { HANDLED_EVENTS, webhookExternalId } from '../../integrations/whatsapp/messageParser';
import { acceptInbound } from '../inboundService';
import type { ServiceContext } from '../context';

export const WHATSAPP_SOURCE = 'whatsapp';

export function signWahaBody(key: string, raw: Buffer | string): string {
  return createHmac('sha512', key).update(raw).digest('hex');
}

/** Constant-time check of X-Webhook-Hmac (lowercase hex of HMAC-SHA512 of the raw body). */
export function validWahaSignature(key: string, raw: Buffer, header: string | undefined): boolean {
  if (!header || !/^[0-9a-f]{128}$/i.test(header)) return false;
  return timingSafeEqual(Buffer.from(signWahaBody(key, raw), 'hex'), Buffer.from(header.toLowerCase(), 'hex'));
}

const KEPT_HEADERS = ['user-agent', 'x-webhook-request-id', 'x-webhook-timestamp', 'x-webhook-hmac-algorithm'];

export interface WebhookReceipt {
  id: string;
  duplicate: boolean;
  event: string;
  handled: boolean;
}

export async function receiveWhatsappWebhook(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'log' | 'config'>,
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<WebhookReceipt> {
  const key = ctx.config.WAHA_WEBHOOK_KEY;
  const hmac = headers['x-webhook-hmac'];
  if (key && !validWahaSignature(key, raw, typeof hmac === 'string' ? hmac : undefined)) {
    throw new UnauthorizedError('Missing or bad X-Webhook-Hmac signature');
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('Webhook body is not valid JSON');
  }
  const env = body as { event?: unknown; id?: unknown; payload?: unknown } | null;
  if (!env || typeof env !== 'object' || typeof env.event !== 'string' || !env.event) throw new ValidationError('Webhook body is not a WAHA event (no "event")');
  const event = env.event;
  const handled = (HANDLED_EVENTS as readonly string[]).includes(event);
  const externalId = webhookExternalId(event, env.payload, typeof env.id === 'string' && env.id ? env.id : null, createHash('sha256').update(raw).digest('hex'));
  const kept: Record<string, string> = {};
  for (const h of KEPT_HEADERS) if (typeof headers[h] === 'string') kept[h] = headers[h] as string;
  const r = await acceptInbound(ctx, {
    source: WHATSAPP_SOURCE, externalId, eventType: event, payload: body, headers: kept,
    ...(handled ? {} : { status: 'ignored' as const, error: `WhatsApp event ${event} is stored, not acted on` }),
  });
  return { id: r.id, duplicate: r.duplicate, event, handled };
}
