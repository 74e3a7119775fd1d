// GET /api/ticketing/openapi: an OpenAPI 3.1 document generated from every route file's own zod schemas.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from '@/src/lib/api/openapi';
import { loadRouteModules, routeNames } from '@/src/lib/api/openapiRoutes';
import { createRouteWrapper, method, type Methods } from '@/src/lib/api/route';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';

const ROUTES_DIR = path.join(process.cwd(), 'pages', 'api', 'ticketing');
const VERBS = ['get', 'post', 'put', 'patch', 'delete'];

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, {
    operationId: string; summary: string; responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
    parameters?: { name: string; in: string; schema: unknown }[]; requestBody?: { content: Record<string, unknown> }; security?: unknown[];
    'x-permission'?: string;
  }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let tdb: TestDb;
let server: TestServer;
let doc: Doc;
let res: Response;

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db });
  res = await fetch(`${server.url}/openapi`);
  doc = (await res.json()) as Doc;
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('the served document', () => {
  it('is OpenAPI 3.1 JSON, public and cacheable', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'FibreFlow Ticketing API', version: '1.0.0' });
  });

  it('lists every route file under pages/api/ticketing with exactly the methods it serves', async () => {
    const modules = await loadRouteModules(ROUTES_DIR, (name) => import(path.join(ROUTES_DIR, `${name}.ts`)));
    expect(modules.map((m) => m.name)).toEqual(routeNames(ROUTES_DIR));
    for (const m of modules) {
      const item = doc.paths[`/api/ticketing/${m.name}`];
      expect(item, m.name).toBeDefined();
      expect(Object.keys(item).sort()).toEqual(Object.keys(m.handler.methods as Methods).map((v) => v.toLowerCase()).sort());
    }
    expect(Object.keys(doc.paths)).toHaveLength(modules.length);
  });

  it('is structurally valid: unique operation ids, responses everywhere, well-formed parameters, resolvable refs', () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      expect(p).toMatch(/^\/api\/ticketing\/[a-z0-9-]+$/);
      for (const [verb, op] of Object.entries(item)) {
        expect(VERBS).toContain(verb);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(op.summary.length).toBeGreaterThan(0);
        expect(Object.keys(op.responses).length).toBeGreaterThan(1);
        for (const [code, r] of Object.entries(op.responses)) {
          expect(code).toMatch(/^[1-5]\d\d$/);
          expect(typeof r.description).toBe('string');
        }
        for (const prm of op.parameters ?? []) {
          expect(prm.in).toBe('query');
          expect(prm.name).toMatch(/^\w+$/);
          expect(prm.schema).toBeTypeOf('object');
        }
      }
    }
    for (const ref of refs(doc)) {
      const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
      expect(m, ref).not.toBeNull();
      expect(doc.components.schemas[(m as RegExpExecArray)[1]], ref).toBeDefined();
    }
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'sessionCookie']);
  });

  it('is generated from the routes’ own zod schemas: enums, permissions, bodies, public routes', () => {
    const list = doc.paths['/api/ticketing/tickets'].get;
    const status = list.parameters?.find((p) => p.name === 'status');
    expect(JSON.stringify(status?.schema)).toContain('pending_approval');
    expect(list['x-permission']).toBe('tickets:read');
    const create = doc.paths['/api/ticketing/tickets'].post;
    expect(Object.keys(create.responses)).toContain('201');
    expect(JSON.stringify(create.requestBody?.content['application/json'])).toContain('weekly_report');
    const login = doc.paths['/api/ticketing/auth-login'].post;
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).not.toContain('401');
    const health = doc.paths['/api/ticketing/health'].get;
    expect(health.summary).toBe('Liveness, database reachability and migration state');
  });
});

describe('buildOpenApiDocument', () => {
  const withRoute = createRouteWrapper(() => true);

  it('publishes an operation whose schema cannot be converted without it, and says so', () => {
    const odd = withRoute({
      POST: method({ access: 'things:manage', body: z.map(z.string(), z.string()) as never, handler: async () => null }),
      GET: method({ access: 'public', query: z.object({ q: z.string() }), response: z.object({ n: z.number() }), handler: async () => null }),
    });
    const upload = withRoute({ POST: method({ access: 'tickets:attach', bodyMode: 'stream', handler: async () => null }) });
    const { document, fallbacks } = buildOpenApiDocument(
      [{ name: 'odd', handler: odd }, { name: 'upload', handler: upload }, { name: 'empty', handler: {} }],
      { title: 't', version: '0', basePath: '/x', serverUrl: 'http://localhost:3000' },
    );
    expect(fallbacks).toEqual(['POST odd']);
    const paths = document.paths as Doc['paths'];
    expect(paths['/x/odd'].post.requestBody?.content['application/json']).toEqual({ schema: {} });
    expect(JSON.stringify(paths['/x/odd'].get.responses['200'])).toContain('"n"');
    expect(Object.keys(paths['/x/upload'].post.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(paths['/x/empty']).toBeUndefined();
    expect(document.servers).toEqual([{ url: 'http://localhost:3000' }]);
  });

  it('leaves out servers when no URL is given, and skips an absent method', () => {
    const partial = { methods: { GET: undefined, POST: method({ access: 'public', handler: async () => null }) } as Methods };
    const { document } = buildOpenApiDocument([{ name: 'partial', handler: partial }], { title: 't', version: '0', basePath: '/x' });
    expect(document.servers).toBeUndefined();
    expect(Object.keys((document.paths as Doc['paths'])['/x/partial'])).toEqual(['post']);
  });

  it('skips modules that are not routes', async () => {
    const modules = await loadRouteModules(ROUTES_DIR, async (name) => (name === 'health' ? { default: { not: 'a route' } } : {}));
    expect(modules).toEqual([]);
  });
});
