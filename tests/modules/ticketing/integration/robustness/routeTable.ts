// The route table read from pages/api/ticketing (every route's method specs), and hostile inputs generated from each
// method's own zod schemas with fast-check: wrong types, missing and extra fields, hostile strings.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import type { MethodSpec } from '@/src/lib/api/route';

export interface RouteMethod {
  route: string;
  method: string;
  spec: MethodSpec<unknown, unknown>;
}

const ROUTES_DIR = path.join(process.cwd(), 'pages', 'api', 'ticketing');

/** Every route and method, straight from the route files (a new route is covered without edits here). */
export async function loadRouteTable(): Promise<RouteMethod[]> {
  const out: RouteMethod[] = [];
  for (const file of readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(ROUTES_DIR, file))) as { default: { methods?: Record<string, MethodSpec<unknown, unknown>> } };
    for (const [method, spec] of Object.entries(mod.default.methods ?? {})) out.push({ route: file.replace(/\.ts$/, ''), method, spec });
  }
  return out;
}

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'enum' | 'other';
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  coerce?: boolean;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default wrappers and preprocess/transform pipes. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 10; i += 1) {
    const d = defOf(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in && d.out) cur = defOf(d.in).type === 'transform' ? d.out : d.in;
    else break;
  }
  return cur;
}

function kindOf(s: z.ZodType): Kind {
  const d = defOf(unwrap(s));
  if (d.coerce && d.type !== 'number') return 'other';
  if (['string', 'number', 'boolean', 'array', 'object'].includes(d.type)) return d.type as Kind;
  if (d.type === 'enum' || d.type === 'literal') return 'enum';
  return 'other';
}

/** The top-level fields of an object schema with their kinds ([] for anything else). */
export function fieldsOf(schema: z.ZodType | undefined): { key: string; kind: Kind }[] {
  if (!schema) return [];
  const d = defOf(unwrap(schema));
  if (d.type !== 'object' || !d.shape) return [];
  return Object.entries(d.shape).map(([key, s]) => ({ key, kind: kindOf(s) }));
}

/** Strings an attacker tries: NUL, lone surrogates, RTL override, emoji, SQL, traversal, huge, forged dates. */
export const hostileString = (maxHuge: number) =>
  fc.oneof(
    fc.constantFrom(
      '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\u202eevil\u202c', '🚧🔥👩🏽‍🔧', 'مرحبا بالعالم', "' OR 1=1 --", "'; DROP TABLE tickets; --",
      '"); DELETE FROM users; --', '../../../etc/passwd', '..\\..\\windows\\win.ini', '%00', '%', '_', '\\', '<script>alert(1)</script>',
      '=HYPERLINK("http://evil")', 'NaN', 'Infinity', '-1', '1e309', '9'.repeat(25), '+275760-09-13T00:00:00Z', 'March 7', '', ' ',
      'A'.repeat(maxHuge), '00000000-0000-0000-0000-000000000000', 'FF-\u0000', '$1', ':name', '{{7*7}}', '${7*7}',
    ),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );

/** A value of the wrong type for a field of this kind (never one its schema could accept). */
export function wrongType(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'string':
    case 'enum':
      return fc.constantFrom<unknown>(42, true, [], {}, { $ne: 1 }, ['a'], 1.5e308);
    case 'number':
      return fc.constantFrom<unknown>({}, 'abc', 'NaN', '1e309', { a: 1 }, [[1, 2]], 'twelve');
    case 'boolean':
      return fc.constantFrom<unknown>('yes', 1, {}, [], 'true ');
    case 'array':
      return fc.constantFrom<unknown>('x', 7, { 0: 'a' }, true);
    case 'object':
      return fc.constantFrom<unknown>('x', 7, [], true);
    default:
      return fc.constant('\u0000');
  }
}

const anyHostile = fc.oneof(hostileString(100_000), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

/**
 * A JSON body that its schema must refuse: known fields hostile, missing or wrong, extra fields (prototype keys
 * included), and always at least one poison: a wrong-typed known field, or a NUL in an extra field's name.
 */
export function invalidBody(schema: z.ZodType | undefined): fc.Arbitrary<Record<string, unknown>> {
  const fields = fieldsOf(schema);
  const poisonable = fields.filter((f) => f.kind !== 'other');
  const known = fc.record(Object.fromEntries(fields.map((f) => [f.key, anyHostile])), { requiredKeys: [] });
  const extras = fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'status', 'role', 'deleted_at'), fc.string({ maxLength: 10 })), anyHostile, { maxKeys: 3 });
  const poison: fc.Arbitrary<Record<string, unknown>> = poisonable.length
    ? fc.constantFrom(...poisonable).chain((f) => wrongType(f.kind).map((v) => ({ [f.key]: v })))
    : fc.constant({ 'k\u0000': 'poison' });
  return fc.tuple(known, extras, poison).map(([k, e, p]) => ({ ...e, ...k, ...p }));
}

/** Query parameters: the schema's own keys and extra ones, with hostile values (kept under URL length limits). */
export function hostileQuery(schema: z.ZodType | undefined, poison: boolean): fc.Arbitrary<Record<string, string | string[]>> {
  const keys = fieldsOf(schema).map((f) => f.key);
  const value = fc.oneof(hostileString(3000), fc.array(hostileString(50), { minLength: 2, maxLength: 3 }));
  const known = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }) : fc.constant({});
  const extras = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), hostileString(100), { maxKeys: 2 });
  return fc.tuple(known, extras).map(([k, e]) => ({ ...e, ...k, ...(poison ? { zz: 'p\u0000' } : {}) }));
}

export function toQueryString(q: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  const s = p.toString();
  return s ? `?${s}` : '';
}
