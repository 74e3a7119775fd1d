// Finds the route modules for the OpenAPI document: every .ts file of a routes directory, imported through the
// caller's loader (a template-literal import in the route file, so bundlers include the whole directory).
import { readdirSync } from 'node:fs';
import type { RouteModule } from './openapi';
import type { Methods } from './route';

export type RouteLoader = (name: string) => Promise<{ default?: unknown }>;

export function routeNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^[\w-]+\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadRouteModules(dir: string, load: RouteLoader): Promise<RouteModule[]> {
  const out: RouteModule[] = [];
  for (const name of routeNames(dir)) {
    const handler = (await load(name)).default;
    const methods = typeof handler === 'function' ? (handler as { methods?: Methods }).methods : undefined;
    if (methods) out.push({ name, handler: { methods } });
  }
  return out;
}
