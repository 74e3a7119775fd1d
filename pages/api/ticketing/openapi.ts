// GET /api/ticketing/openapi: the OpenAPI 3.1 document of every route in this directory (no auth).
import path from 'node:path';
import { buildOpenApiDocument } from '@/src/lib/api/openapi';
import { loadRouteModules } from '@/src/lib/api/openapiRoutes';
import { method, STREAMED, withRoute } from '@/src/modules/ticketing/api/route';

export const config = { api: { bodyParser: false } };

let cached: string | undefined;

async function documentJson(appUrl: string): Promise<string> {
  const routes = await loadRouteModules(path.join(process.cwd(), 'pages', 'api', 'ticketing'), (name) => import(`./${name}`));
  const { document } = buildOpenApiDocument(routes, {
    title: 'FibreFlow Ticketing API',
    version: '1.0.0',
    description: 'FTTH maintenance ticketing. Every answer uses the apiResponse envelope; ids go in the query string.',
    serverUrl: appUrl,
    basePath: '/api/ticketing',
  });
  return JSON.stringify(document);
}

export default withRoute({
  GET: method({
    access: 'public',
    summary: 'This OpenAPI 3.1 document',
    handler: async ({ res, config: cfg }) => {
      cached ??= await documentJson(cfg.APP_URL);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.end(cached);
      return STREAMED;
    },
  }),
});
