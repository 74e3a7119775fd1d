// URL helpers for screens: safe post-login redirects and reading filters out of the query string.
import type { ParsedUrlQuery } from 'node:querystring';

const HOME = '/ticketing';

/**
 * Only same-origin paths are followed after login, so a crafted link cannot send the user elsewhere. The value is
 * parsed as the browser would (against the app's origin: tabs and newlines dropped, backslashes read as slashes), and
 * only a path on that same origin is kept, rebuilt from its parts.
 */
export function safeNext(next: unknown, origin: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof next !== 'string' || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return HOME;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return HOME;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.toLowerCase().startsWith('/login')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The first value of a query parameter, or '' when absent. */
export function queryValue(query: ParsedUrlQuery, key: string): string {
  const v = query[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
