// The route wrapper: method dispatch (405 + Allow), auth, zod validation, error mapping, envelope, request log.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { getConfig, type AppConfig } from '../config';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { rootLogger, type Logger } from '../logger';
import { getRuntime } from '../runtime';
import { authenticate, type AuthUser } from '../auth/authenticate';
import { parseQuery, readJsonBody } from './body';
import { assertSameOrigin } from './csrf';
import { assertStorableText } from './textGuard';
import { securityHeaders } from '../http/securityHeaders';
import { dbFailureReason, isDbUnavailable } from '../db/health';
import { validationSummary } from './humanMessages';
import { AppError, ForbiddenError, MethodNotAllowedError, ServiceUnavailableError, UnauthorizedError, ValidationError } from './errors';
import { sendError, sendJson, successBody } from './response';

export interface RequestContext<Q = unknown, B = unknown> {
  req: IncomingMessage;
  res: ServerResponse;
  db: Db;
  clock: Clock;
  config: AppConfig;
  log: Logger;
  requestId: string;
  user: AuthUser;
  query: Q;
  body: B;
}

/** 'public' needs no login, 'authenticated' any user, anything else is a permission name. */
export type Access = 'public' | 'authenticated' | (string & {});

export interface MethodSpec<Q = unknown, B = unknown> {
  access: Access;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** 'stream': the handler reads the request body itself (multipart uploads). */
  bodyMode?: 'json' | 'stream';
  status?: number;
  /** For the generated OpenAPI document. */
  summary?: string;
  response?: z.ZodType;
  handler: (ctx: RequestContext<Q, B>) => Promise<unknown>;
}

/** Returned by a handler to set status, message, meta or headers on the envelope. */
export class Reply<T> {
  constructor(
    public readonly data: T,
    public readonly opts: { status?: number; message?: string; meta?: Record<string, unknown>; headers?: Record<string, string | string[]> } = {},
  ) {}
}

/** Returned by a handler that wrote the response itself (downloads, exports). */
export const STREAMED = Symbol('streamed');

export type Methods = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', MethodSpec<never, never>>>;
export type Authorizer = (user: AuthUser, permission: string) => boolean;

// Helper so each method's handler is typed from its own schemas.
export function method<Q = Record<string, never>, B = Record<string, never>>(spec: MethodSpec<Q, B>): MethodSpec<never, never> {
  return spec as unknown as MethodSpec<never, never>;
}

export function zodDetails(error: z.ZodError, location: 'query' | 'body'): { location: string; fields: { field: string; message: string; code: string }[] } {
  return {
    location,
    fields: error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message, code: i.code })),
  };
}

function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, location: 'query' | 'body'): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value);
  if (!r.success) {
    const details = zodDetails(r.error, location);
    throw new ValidationError(validationSummary(location, details.fields), details);
  }
  return r.data;
}

/** The runtime, or a 503 naming why not (the database is down, or refused by the endpoint guard). */
async function loadRuntime(log: Logger) {
  try {
    return await getRuntime();
  } catch (err) {
    log.error({ err }, 'runtime unavailable');
    throw new ServiceUnavailableError('The database is unavailable; try again shortly', { reason: dbFailureReason(err) });
  }
}

export function createRouteWrapper(can: Authorizer) {
  return function withRoute(methods: Methods) {
    const allow = Object.keys(methods);
    const handler = async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const started = Date.now();
      const incoming = req.headers['x-request-id'];
      const requestId = typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', requestId);
      let log: Logger = rootLogger().child({ requestId });
      try {
        for (const [k, v] of Object.entries(securityHeaders({ appUrl: getConfig().APP_URL, kind: 'api' }))) res.setHeader(k, v);
        const verb = String(req.method).toUpperCase();
        const spec = methods[verb as keyof Methods];
        if (!spec) throw new MethodNotAllowedError(verb, allow);
        const rt = await loadRuntime(log);
        assertSameOrigin(req, { appUrl: rt.config.APP_URL, multipart: spec.bodyMode === 'stream' });
        const now = rt.clock.now();
        const user = spec.access === 'public' ? await authenticate(req, rt.db, rt.config, now).catch(() => null) : await authenticate(req, rt.db, rt.config, now);
        if (!user && spec.access !== 'public') throw new UnauthorizedError();
        if (user && spec.access !== 'public' && spec.access !== 'authenticated' && !can(user, spec.access)) throw new ForbiddenError();
        if (user) log = log.child({ userId: user.id });
        const rawQuery = parseQuery(req.url);
        assertStorableText(rawQuery, 'query');
        const query = parseWith(spec.query, rawQuery, 'query');
        const rawBody = spec.bodyMode === 'stream' || !spec.body ? undefined : await readJsonBody(req);
        assertStorableText(rawBody, 'body');
        const body = spec.bodyMode === 'stream' ? undefined : parseWith(spec.body, rawBody, 'body');
        const ctx = { req, res, db: rt.db, clock: rt.clock, config: rt.config, log, requestId, user: user as AuthUser, query, body };
        const result = await spec.handler(ctx as RequestContext<never, never>);
        if (result === STREAMED) return;
        if (result instanceof Reply) {
          for (const [k, v] of Object.entries(result.opts.headers ?? {})) res.setHeader(k, v);
          sendJson(res, result.opts.status ?? spec.status ?? 200, successBody(result.data, { message: result.opts.message, meta: { requestId, ...result.opts.meta } }));
        } else {
          sendJson(res, spec.status ?? 200, successBody(result ?? null, { meta: { requestId } }));
        }
      } catch (err) {
        if (res.headersSent) {
          log.error({ err }, 'error after response started');
          res.destroy();
          return;
        }
        if (isDbUnavailable(err)) {
          log.warn({ reason: dbFailureReason(err) }, 'database unavailable');
          sendError(res, new ServiceUnavailableError('The database is unavailable; try again shortly', { reason: dbFailureReason(err) }), requestId);
          return;
        }
        if (!(err instanceof AppError)) log.error({ err }, 'unhandled error');
        sendError(res, err, requestId);
      } finally {
        // Path and query keys only: query values (searches) may hold customers' phone numbers or addresses.
        const url = new URL(req.url ?? '/', 'http://x');
        log.info({ method: req.method, path: url.pathname, query: [...url.searchParams.keys()], status: res.statusCode, ms: Date.now() - started }, 'request');
      }
    };
    // The method specs stay readable on the handler, so the OpenAPI document is generated from them.
    return Object.assign(handler, { methods });
  };
}
