// The webhook receiver: a bare node:http server that runs a few route handlers (the same wrapper, checks, envelope
// and logs as under Next.js) without Next.js's request pipeline in front of them, for the channels' webhooks at
// volume. Each path is matched exactly; anything else is a 404 in the API envelope.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { NotFoundError } from '../api/errors';
import { sendError } from '../api/response';
import { getConfig } from '../config';
import { securityHeaders } from './securityHeaders';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The path of a request without its query string. */
export function requestPath(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

export function createReceiver(routes: Readonly<Record<string, RouteHandler>>): Server {
  const byPath = new Map(Object.entries(routes));
  return createServer((req, res) => {
    const handler = byPath.get(requestPath(req.url));
    if (!handler) {
      req.resume();
      for (const [k, v] of Object.entries(securityHeaders({ appUrl: getConfig().APP_URL, kind: 'api' }))) res.setHeader(k, v);
      sendError(res, new NotFoundError('Route'), randomUUID());
      return;
    }
    // The route wrapper answers every error itself; a failure past that (a socket gone) only ends this request.
    handler(req, res).catch(() => res.destroy());
  });
}
