// Text the database cannot store faithfully is refused at the edge: NUL characters (PostgreSQL text has none) and
// lone UTF-16 surrogates (not Unicode; they would be stored mangled), in any value or key of a query or JSON body.
import { ValidationError } from './errors';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problem(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return m[0] === '\u0000' ? 'contains a NUL character' : 'contains a lone surrogate (not valid Unicode)';
}

/** The path and reason of the first unstorable string in a JSON-like value, or null. */
export function findUnstorable(value: unknown, path: string[] = []): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const p = problem(value);
    return p ? { field: path.join('.') || '(root)', message: `Text ${p}` } : null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const pk = problem(k);
      if (pk) return { field: [...path, k.replace(UNSTORABLE, '?')].join('.'), message: `Field name ${pk}` };
      const found = findUnstorable(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 400 naming the field when a query or body holds text the database cannot store. */
export function assertStorableText(value: unknown, location: 'query' | 'body'): void {
  const found = findUnstorable(value);
  if (found) throw new ValidationError(`Invalid request ${location}`, { location, fields: [{ ...found, code: 'invalid_text' }] });
}
