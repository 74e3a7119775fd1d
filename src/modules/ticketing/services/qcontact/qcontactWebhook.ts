// The optional push path: check the shared secret, read the body, store it first (one event per case and updated_at).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { UnauthorizedError, ValidationError } from '@/src/lib/api/errors';
import { readRawBody } from '@/src/lib/api/body';
import { pushedCaseId, QCONTACT_SOURCE } from '../../jobs/qcontactInbound';
import { acceptInbound, type AcceptedInbound } from '../inboundService';
import type { ServiceContext } from '../context';

const LIMIT = 1024 * 1024;

function sameSecret(given: unknown, expected: string | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function receiveQcontactWebhook(ctx: Pick<ServiceContext, 'db' | 'clock' | 'log' | 'config'>, req: IncomingMessage, secret: unknown): Promise<AcceptedInbound & { externalId: string }> {
  if (!sameSecret(secret, ctx.config.QCONTACT_WEBHOOK_SECRET)) throw new UnauthorizedError('A valid X-QContact-Secret header is required');
  const raw = await readRawBody(req, LIMIT);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('The body is not JSON');
  }
  const id = pushedCaseId(body);
  if (!id) throw new ValidationError('The body is not a QContact case: it needs a numeric id');
  const c = (typeof body === 'object' && body !== null && 'case' in body ? (body as { case: Record<string, unknown> }).case : body) as Record<string, unknown>;
  // No updated_at: the body's own hash stands in, so an identical redelivery is still one event.
  const version = typeof c.updated_at === 'string' ? c.updated_at : `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
  const externalId = `${id}:${version}`;
  const r = await acceptInbound(ctx, { source: QCONTACT_SOURCE, externalId, eventType: 'case.webhook', payload: body, headers: { 'content-type': req.headers['content-type'] } });
  return { ...r, externalId };
}
