// URL helpers for screens: safe post-login redirects and reading filters out of the query string.
import type { ParsedUrlQuery } from 'node:querystring';

/** Only same-site paths are followed after login, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/ticketing';
}

/** The first value of a query parameter, or '' when absent. */
export function queryValue(query: ParsedUrlQuery, key: string): string {
  const v = query[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
