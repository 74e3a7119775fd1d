// Robustness (issue 12): fast-check properties over every API route's query and body schema, generated from the route
// table. Every hostile request answers below 500 in the envelope, state changes answer 4xx, and no row of any table
// changes (a checksum of every table before and after each route's run).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName } from '@/src/lib/api/multipart';
import { ticketWorld, type TicketWorld } from '../ticketFixture';
import { hostileQuery, hostileString, invalidBody, loadRouteTable, toQueryString, type RouteMethod } from './routeTable';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
// Touched by any authenticated request or failed login by design: token last-use, sessions, the login throttle.
const VOLATILE = new Set(['api_tokens', 'user_sessions', 'login_throttle']);

let w: TicketWorld;
let table: RouteMethod[];
let ticketId: string;
const stats: Record<string, { inputs: number; fiveXX: number; fourXX: number; rowsChanged: number }> = {};
const area = (name: string) => (stats[name] ??= { inputs: 0, fiveXX: 0, fourXX: 0, rowsChanged: 0 });

beforeAll(async () => {
  w = await ticketWorld();
  const agent = w.as(w.users.agent);
  const t = await agent.post<{ id: string }>('tickets', { source: 'internal', title: 'Existing ticket', drNumber: await w.drop() });
  ticketId = t.body.data.id;
  table = await loadRouteTable();
});
afterAll(async () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(path.join('test-results', 'robustness-fuzz.json'), JSON.stringify({ runsPerRoute: RUNS, routes: table.length, areas: stats }, null, 2));
  await w.close();
});

/** One checksum per table: md5 over its rows as text, in a stable order. */
async function checksum(): Promise<Record<string, string>> {
  const { rows } = await w.tdb.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const out: Record<string, string> = {};
  for (const { table_name: t } of rows) {
    if (VOLATILE.has(t)) continue;
    const r = await w.tdb.db.query<{ sum: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM "${t}" x`);
    out[t] = r.rows[0].sum;
  }
  return out;
}

async function send(rm: RouteMethod, query: Record<string, string | string[]>, body: unknown): Promise<{ status: number; json: unknown; type: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${w.users.admin.token}` };
  let payload: string | undefined;
  if (rm.method !== 'GET' && body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${w.server.url}/${rm.route}${toQueryString(query)}`, { method: rm.method, headers, body: payload });
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, type };
}

describe('every route refuses hostile input cleanly', () => {
  it('reads the whole route table', () => {
    expect(table.length).toBeGreaterThan(40);
  });

  it('answers every hostile query and body below 500, in the envelope, with 4xx for state changes and no row changed', async () => {
    for (const rm of table) {
      const mutation = rm.method !== 'GET';
      const name = `${mutation ? 'body' : 'query'}: ${rm.method} ${rm.route}`;
      const a = area(mutation ? 'bodies (state-changing methods)' : 'queries (GET)');
      const before = await checksum();
      const hasBodyFields = rm.spec.body !== undefined && rm.spec.bodyMode !== 'stream';
      await fc.assert(
        fc.asyncProperty(hostileQuery(rm.spec.query, mutation && !hasBodyFields), mutation ? invalidBody(rm.spec.body) : fc.constant(undefined), async (query, body) => {
          const r = await send(rm, query, body);
          a.inputs += 1;
          if (r.status >= 500) a.fiveXX += 1;
          if (r.status >= 400 && r.status < 500) a.fourXX += 1;
          expect(r.status, `${name} ${JSON.stringify(query).slice(0, 200)} ${JSON.stringify(body)?.slice(0, 200)}`).toBeLessThan(500);
          if (r.status >= 400 || mutation) {
            expect(r.json, name).toMatchObject({ success: false, error: { code: expect.any(String), message: expect.any(String) } });
            expect(r.status, name).toBeGreaterThanOrEqual(400);
          }
        }),
        { numRuns: RUNS, seed: 20261128 + rm.route.length },
      );
      const after = await checksum();
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length) a.rowsChanged += changed.length;
      expect(changed, `${name} changed rows in`).toEqual([]);
    }
  });

  it('keeps any uploaded file name to a plain display name (no directories, no control characters)', () => {
    const a = area('upload file names');
    fc.assert(
      fc.property(fc.oneof(hostileString(500), fc.string({ unit: 'binary' })), (name) => {
        a.inputs += 1;
        const safe = safeFileName(name);
        // eslint-disable-next-line no-control-regex
        expect(safe).not.toMatch(/[\\/\u0000-\u001f\u007f"]/);
        expect(safe.length).toBeGreaterThan(0);
        expect(safe.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: RUNS * 25 },
    );
  });

  it('stores a real upload under any hostile file name inside the ticket\'s folder, under its id, with a plain name', async () => {
    const a = area('uploads through the route (hostile names)');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const traversal = fc.constantFrom('../../../etc/passwd.png', '..\\..\\boot.ini.png', '/etc/shadow.png', 'a/../../b.png', '%2e%2e%2fx.png', '....//x.png', '\u0000.png');
    await fc.assert(
      fc.asyncProperty(fc.oneof(traversal, hostileString(300)), async (name) => {
        const f = new FormData();
        f.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
        const res = await fetch(`${w.server.url}/tickets-attachments?id=${ticketId}`, { method: 'POST', headers: { authorization: `Bearer ${w.users.agent.token}` }, body: f });
        const json = (await res.json()) as { data?: { id: string; fileName: string } };
        a.inputs += 1;
        if (res.status >= 500) a.fiveXX += 1;
        expect(res.status, JSON.stringify(name)).toBeLessThan(500);
        if (res.status !== 201 || !json.data) return;
        // eslint-disable-next-line no-control-regex
        expect(json.data.fileName).not.toMatch(/[\\/\u0000-\u001f\u007f]/);
      }),
      { numRuns: RUNS * 4 },
    );
    // Whatever the names, the stored files are exactly the attachment rows, each named by its id in the ticket's folder.
    const ids = (await w.tdb.db.query<{ id: string }>('SELECT id FROM ticket_attachments WHERE ticket_id = $1', [ticketId])).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(readdirSync(path.join(w.server.config.storageDir, 'tickets', ticketId)).sort()).toEqual(ids.sort());
    expect(readdirSync(w.server.config.storageDir).sort()).toEqual(['tickets']);
  });
});
