// Request parsing at the edge: query strings and size-limited JSON bodies (Next's body parser is off).
import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './errors';

export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/** Parses the query string; a repeated key becomes an array. */
export function parseQuery(url: string | undefined): Record<string, string | string[]> {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer; // no one calls setEncoding on a request: chunks are Buffers
    size += buf.length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body: 415 unless application/json, 413 past the limit, 400 when it does not parse. */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  // The type is checked before emptiness: an empty text/plain body (a cross-site form) is refused, not read as {}.
  if (req.headers['content-type'] !== undefined && mediaType(req) !== 'application/json') throw new UnsupportedMediaTypeError('application/json');
  if (!declared && !chunked) return {};
  if (mediaType(req) !== 'application/json') throw new UnsupportedMediaTypeError('application/json');
  const raw = await readRawBody(req, limit);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('Request body is not valid JSON');
  }
}
