// CSRF defence for cookie sessions: a state-changing request that rides on a browser's cookie must come from the
// app's own pages (Origin or Sec-Fetch-Site) and carry a type no HTML form can send (application/json, or
// multipart for uploads, which additionally needs the Origin). Bearer tokens and secret-authenticated routes
// (cron, webhooks) send no cookie, so they never reach this check.
import type { IncomingMessage } from 'node:http';
import { mediaType } from './body';
import { AppError } from './errors';

export class CsrfError extends AppError {
  constructor(message: string) {
    super(403, 'CSRF_REJECTED', message);
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIES = ['ff_session', '__session'];

/** True when the request carries a session cookie and no Authorization header (which a browser never adds cross-site). */
export function ridesOnCookie(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  const cookie = req.headers.cookie ?? '';
  return SESSION_COOKIES.some((name) => new RegExp(`(?:^|;\\s*)${name}=`).test(cookie));
}

/** The origins the app answers as: APP_URL's, and the Host the request was sent to (http or https). */
function ownOrigins(req: IncomingMessage, appUrl: string): string[] {
  const origins = [new URL(appUrl).origin];
  const host = req.headers.host;
  if (host) origins.push(`http://${host}`.toLowerCase(), `https://${host}`.toLowerCase());
  return origins;
}

/** Throws CsrfError unless a cookie-authenticated state change is same-origin and of a non-form type. */
export function assertSameOrigin(req: IncomingMessage, opts: { appUrl: string; multipart: boolean }): void {
  if (SAFE.has(String(req.method).toUpperCase()) || !ridesOnCookie(req)) return;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined) {
    if (!ownOrigins(req, opts.appUrl).includes(origin.toLowerCase())) throw new CsrfError(`Cross-site request refused (Origin ${origin} is not this app)`);
  } else if (site !== 'same-origin') {
    throw new CsrfError('Cross-site request refused: a request signed in with a cookie must send this app\'s Origin');
  }
  // A route that reads its own body (uploads) also takes JSON actions (an import's confirm): both are types no plain
  // HTML form can send cross-site without the Origin checked above.
  const allowed = opts.multipart ? ['multipart/form-data', 'application/json'] : ['application/json'];
  if (!allowed.includes(mediaType(req))) throw new CsrfError(`A request signed in with a cookie must be sent as ${allowed.join(' or ')}`);
}
