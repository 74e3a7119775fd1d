// The OpenAPI 3.1 document, generated from the routes' own zod schemas (each withRoute handler carries its
// method specs) with @asteasolutions/zod-to-openapi. No hand-written JSON: a new route appears by existing.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { MethodSpec, Methods } from './route';

export interface RouteModule {
  /** The file name under pages/api/ticketing without .ts, e.g. tickets-detail. */
  name: string;
  handler: { methods?: Methods };
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  serverUrl?: string;
  basePath: string;
}

// Adds .openapi() to zod schemas (used by the registry for named components); idempotent.
extendZodWithOpenApi(z);

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const metaSchema = z.object({ timestamp: z.string(), requestId: z.string().optional() }).catchall(z.unknown());

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  meta: metaSchema,
});

const ERRORS_ALWAYS: Record<number, string> = {
  400: 'Invalid query or body (VALIDATION_ERROR, with field details)',
  405: 'Method not allowed (the Allow header lists the methods)',
  500: 'Internal error (no internals shown; quote the request id)',
  503: 'The database is unavailable (Retry-After)',
};
const ERRORS_AUTH: Record<number, string> = {
  401: 'Not logged in (session cookie, Clerk token or API token required)',
  403: 'Logged in, but the role lacks the permission',
};
const ERRORS_DOMAIN: Record<number, string> = {
  404: 'Not found (or not visible to this user)',
  409: 'Conflict: stale version, duplicate, or an illegal transition (details list the legal ones)',
  413: 'Body too large',
  415: 'Unsupported Content-Type',
  422: 'Understood but not allowed by the business rules',
  429: 'Too many requests (Retry-After)',
};

function isObjectSchema(s: unknown): s is z.ZodObject | z.ZodPipe {
  return s instanceof z.ZodObject || s instanceof z.ZodPipe;
}

function successSchema(data: z.ZodType | undefined): z.ZodType {
  return z.object({ success: z.literal(true), data: data ?? z.unknown(), message: z.string().optional(), meta: metaSchema });
}

/** One operation of the document from one method spec; `plain` drops the zod schemas (fallback). */
function operation(path: string, name: string, verb: string, spec: MethodSpec<never, never>, plain: boolean): RouteConfig {
  const isPublic = spec.access === 'public';
  const status = spec.status ?? 200;
  const errorRef = { $ref: '#/components/schemas/ErrorEnvelope' };
  const errors = { ...ERRORS_ALWAYS, ...(isPublic ? {} : ERRORS_AUTH), ...ERRORS_DOMAIN };
  const responses: RouteConfig['responses'] = {
    [status]: { description: 'Success', content: { 'application/json': { schema: plain ? {} : successSchema(spec.response) } } },
  };
  for (const [code, description] of Object.entries(errors)) {
    responses[code] = { description, content: { 'application/json': { schema: errorRef } } };
  }
  const request: RouteConfig['request'] = {};
  if (!plain && isObjectSchema(spec.query)) request.query = spec.query;
  if (spec.bodyMode === 'stream') {
    request.body = { content: { 'multipart/form-data': { schema: { type: 'object' } } }, required: true };
  } else if (spec.body) {
    request.body = { content: { 'application/json': { schema: plain ? {} : spec.body } } };
  }
  return {
    method: verb.toLowerCase() as RouteConfig['method'],
    path,
    operationId: `${verb.toLowerCase()}_${name.replace(/-/g, '_')}`,
    summary: spec.summary ?? `${verb} ${name}`,
    tags: [name.split('-')[0]],
    security: isPublic ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
    'x-permission': spec.access,
    ...(plain ? { description: 'The request and response schemas could not be converted; see the route file.' } : {}),
    request,
    responses,
  } as RouteConfig;
}

function newRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('ErrorEnvelope', errorEnvelopeSchema);
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (ffk_...) or, with AUTH_PROVIDER=clerk, a Clerk session JWT',
  });
  registry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'ff_session' });
  return registry;
}

function generate(registry: OpenAPIRegistry, info: OpenApiInfo): OpenApiDocument {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : undefined,
  });
}

export interface OpenApiResult {
  document: OpenApiDocument;
  /** Operations whose schemas could not be converted and were published without them. */
  fallbacks: string[];
}

export function buildOpenApiDocument(routes: readonly RouteModule[], info: OpenApiInfo): OpenApiResult {
  const registry = newRegistry();
  const fallbacks: string[] = [];
  for (const route of [...routes].sort((a, b) => a.name.localeCompare(b.name))) {
    const path = `${info.basePath}/${route.name}`;
    for (const [verb, spec] of Object.entries(route.handler.methods ?? {})) {
      if (!spec) continue;
      const op = operation(path, route.name, verb, spec, false);
      try {
        // Convert this operation alone first, so one unconvertible schema cannot break the whole document.
        const probe = newRegistry();
        probe.registerPath(op);
        generate(probe, info);
        registry.registerPath(op);
      } catch {
        fallbacks.push(`${verb} ${route.name}`);
        registry.registerPath(operation(path, route.name, verb, spec, true));
      }
    }
  }
  return { document: generate(registry, info), fallbacks };
}
