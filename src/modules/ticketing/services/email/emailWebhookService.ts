// The inbound-mail webhook: checks X-Webhook-Token, reads the raw RFC 822 message (a message/rfc822 body, or the
// multipart form field inbound-mail services post it in) and stores it in inbound_events keyed by its Message-ID.
// Parsing happens later, in the worker.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { UnauthorizedError, UnsupportedMediaTypeError, ValidationError } from '@/src/lib/api/errors';
import { mediaType, readRawBody } from '@/src/lib/api/body';
import type { ServiceContext } from '../context';
import { acceptInbound, type AcceptedInbound } from '../inboundService';
import type { StoredMailPayload } from './emailIntakeService';

/** Form fields inbound-mail services put the raw message in (SendGrid "email", Mailgun "body-mime", others). */
export const RAW_MAIL_FIELDS = ['email', 'body-mime', 'raw', 'mime', 'message', 'rfc822'];
const RAW_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'];

export function tokenMatches(expected: string | undefined, given: string | string[] | undefined): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The Message-ID of a raw message, read from its header block without parsing the rest. */
export function rawMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, 64 * 1024).toString('latin1').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(head);
  return m ? m[1] : null;
}

function readFormMail(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fieldSize: limit, fileSize: limit, files: 5, fields: 50 } });
    } catch {
      reject(new ValidationError('Malformed multipart body'));
      return;
    }
    let found: Buffer | null = null;
    bb.on('field', (name, value) => {
      if (!found && RAW_MAIL_FIELDS.includes(name.toLowerCase())) found = Buffer.from(value, 'utf8');
    });
    bb.on('file', (name, stream, info) => {
      if (found || !(RAW_MAIL_FIELDS.includes(name.toLowerCase()) || info.mimeType === 'message/rfc822')) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        found ??= Buffer.concat(chunks);
      });
    });
    bb.on('error', () => reject(new ValidationError('Malformed multipart body')));
    bb.on('close', () => (found ? resolve(found) : reject(new ValidationError(`No raw message in the form (send it in one of the fields ${RAW_MAIL_FIELDS.join(', ')})`))));
    req.pipe(bb);
  });
}

/** Stores a raw message from any intake path; the same Message-ID twice is one message. */
export async function storeRawMail(ctx: Pick<ServiceContext, 'db' | 'clock' | 'log'>, raw: Buffer, via: StoredMailPayload['via'], extra: Record<string, unknown> = {}): Promise<AcceptedInbound> {
  const messageId = rawMessageId(raw);
  const externalId = messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const payload: StoredMailPayload = { raw: raw.toString('base64'), via };
  return acceptInbound(ctx, { source: 'email', externalId, eventType: 'mail', payload, headers: { via, bytes: raw.length, ...extra } });
}

export async function receiveEmailWebhook(ctx: ServiceContext, req: IncomingMessage): Promise<AcceptedInbound & { messageId: string | null }> {
  if (!tokenMatches(ctx.config.EMAIL_WEBHOOK_TOKEN, req.headers['x-webhook-token'])) {
    throw new UnauthorizedError(ctx.config.EMAIL_WEBHOOK_TOKEN ? 'Bad or missing X-Webhook-Token' : 'The email webhook is not configured (EMAIL_WEBHOOK_TOKEN)');
  }
  const type = mediaType(req);
  const limit = ctx.config.EMAIL_MAX_BYTES;
  let raw: Buffer;
  if (type === 'multipart/form-data') raw = await readFormMail(req, limit);
  else if (RAW_TYPES.includes(type)) raw = await readRawBody(req, limit);
  else throw new UnsupportedMediaTypeError('message/rfc822 (or multipart/form-data with the raw message in a field)');
  if (raw.length === 0 || !/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.subarray(0, 8192).toString('latin1'))) {
    throw new ValidationError('The body is not an RFC 822 message (no header lines)');
  }
  const r = await storeRawMail(ctx, raw, 'webhook');
  return { ...r, messageId: rawMessageId(raw) };
}
