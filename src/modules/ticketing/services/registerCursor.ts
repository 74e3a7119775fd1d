// Keyset paging cursors for the register lists: the last row's sort key and id, opaque to the client.
import { ValidationError } from '@/src/lib/api/errors';

export interface KeysetCursor {
  key: string;
  id: string;
}

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');
}

/** The cursor, or a 400 naming the cursor field when it was forged or truncated. */
export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (raw === undefined) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1])) {
      return { key: v[0], id: v[1] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new ValidationError('Invalid request query', { location: 'query', fields: [{ field: 'cursor', message: 'Unknown paging cursor', code: 'custom' }] });
}

/** Rows of one page (limit + 1 were read) and the cursor of the next page, if any. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (r: T) => KeysetCursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
