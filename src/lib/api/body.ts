// Request parsing at the edge: query strings and size-limited JSON bodies (Next's body parser is off).
import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './errors';

export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/** Parses the query string; a repeated key becomes an array. Percent-escapes that are not UTF-8 are a 400. */
export function parseQuery(url: string | undefined): Record<string, string | string[]> {
  const u = new URL(url ?? '/', 'http://localhost');
  for (const part of u.search.slice(1).split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      // URLSearchParams would silently turn the bytes into U+FFFD and the search would run on mangled text.
      throw new ValidationError('Invalid request query', { location: 'query', fields: [{ field: part.split('=')[0] || '(query)', message: 'Not valid UTF-8 percent-encoding', code: 'invalid_text' }] });
    }
  }
  const params = u.searchParams;
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** The declared charset of the body, lower-cased, or null when none is declared. */
export function declaredCharset(req: IncomingMessage): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '');
  return m ? m[1].toLowerCase() : null;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

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
  const charset = declaredCharset(req);
  // JSON is UTF-8 (RFC 8259); another declared charset would be stored mangled, so it is refused, not guessed at.
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') throw new ValidationError(`Request body must be UTF-8 JSON (declared charset ${charset})`);
  const raw = await readRawBody(req, limit);
  if (raw.length === 0) return {};
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    throw new ValidationError('Request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('Request body is not valid JSON');
  }
}
