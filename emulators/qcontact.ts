// A loopback QContact v2 tenant with the quirks of the real one (../shared/contracts/qcontact.md): tokens in response
// headers, `view=all` returns nothing, `not_equals` answers 500, values at the top level of a PATCH are ignored with
// 200, and Note answers 403 for our account. Switches make it expire tokens, fail, lag or change cases.
// Run for the demo: npx tsx emulators/qcontactDemo.ts --port 4020
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { makeCases, type EmulatedCase, type EmulatedEvent, type SeedOptions } from './qcontactSeed';
import { detailShape, listShape, matches, readBody, stamp, WRITE_VALUES } from './qcontactShapes';

export { makeCases, OUR_ASSIGNEE, OTHER_ASSIGNEE } from './qcontactSeed';
export type { EmulatedCase, EmulatedEvent } from './qcontactSeed';
export { stamp, WRITE_VALUES } from './qcontactShapes';

export interface QcontactEmulatorOptions {
  port?: number;
  email?: string;
  password?: string;
  /** Seeds this many cases (default 0). */
  seed?: Partial<SeedOptions> & { count: number };
  /** Our account may post Notes (the real tenant: no, 403). */
  notePermission?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body: unknown;
}

export interface QcontactEmulator {
  url: string;
  email: string;
  password: string;
  cases: Map<number, EmulatedCase>;
  requests: RecordedRequest[];
  /** Every PATCH body received (including the ignored top-level ones). */
  patches: { caseId: number; body: unknown }[];
  /** Notes accepted through POST Note. */
  notes: { caseId: number; subtitle: string; publicNote: boolean }[];
  signIns: number;
  /** Invalidates every issued token: the next call answers 401. */
  expireTokens(): void;
  /** Tokens expire after this many authenticated calls (0 = never). */
  expireAfter(calls: number): void;
  /** The next n API calls (not sign-in; only paths matching `match` when given) answer `status` (default 500). */
  failNext(n: number, status?: number, match?: RegExp): void;
  /** Writes (PATCH, Note) answer at once but become visible only this many ms later (eventual consistency). */
  lagWrites(ms: number): void;
  /** The next n API calls hang for `ms` before answering (a timeout for a client with a shorter limit). */
  hangNext(n: number, ms: number): void;
  /** Every answer waits this long (lag). */
  setDelay(ms: number): void;
  setNotePermission(allowed: boolean): void;
  /** Changes a case as a call-centre agent would: status label, fields, an event; bumps updated_at. */
  changeCase(id: number, change: { status?: string; fields?: Record<string, unknown>; note?: string; label?: string; dr?: string | null }): EmulatedCase;
  addCase(c: EmulatedCase): void;
  close(): Promise<void>;
}

export async function startQcontactEmulator(o: QcontactEmulatorOptions = {}): Promise<QcontactEmulator> {
  const email = o.email ?? 'maintenance@velocity.example';
  const password = o.password ?? 'qcontact-test-password';
  const cases = new Map<number, EmulatedCase>();
  for (const c of o.seed ? makeCases({ ...o.seed, count: o.seed.count }) : []) cases.set(c.id, c);
  const tokens = new Map<string, { client: string; calls: number }>();
  const requests: RecordedRequest[] = [];
  const patches: QcontactEmulator['patches'] = [];
  const notes: QcontactEmulator['notes'] = [];
  let failures = 0;
  let failStatus = 500;
  let failMatch: RegExp | null = null;
  let writeLagMs = 0;
  let hangs = 0;
  let hangMs = 0;
  let delayMs = 0;
  let expireAfterCalls = 0;
  let notePermission = o.notePermission ?? false;
  let eventSeq = 990_000_000;
  const ourUser = { label: 'Maintenance - Velocity (API)', email };
  const emu = { signIns: 0 };

  const addEvent = (c: EmulatedCase, e: Omit<EmulatedEvent, 'id' | 'created_at' | 'pinned'>, at: string) => {
    c.events.push({ ...e, id: (eventSeq += 1), created_at: at, pinned: false });
  };

  function authorised(req: IncomingMessage): boolean {
    const token = req.headers['access-token'];
    const t = typeof token === 'string' ? tokens.get(token) : undefined;
    if (!t || req.headers.client !== t.client || req.headers.uid !== email) return false;
    t.calls += 1;
    if (expireAfterCalls > 0 && t.calls > expireAfterCalls) {
      tokens.delete(token as string);
      return false;
    }
    return true;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<[number, unknown, Record<string, string>?]> {
    const path = url.pathname;
    const q = Object.fromEntries(url.searchParams);
    if (path === '/api/v2/auth/sign_in' && req.method === 'POST') {
      let b: { email?: string; password?: string } = {};
      try {
        b = JSON.parse(raw) as typeof b;
      } catch {
        return [400, { errors: ['Invalid JSON'] }];
      }
      if (b.email !== email || b.password !== password) return [401, { success: false, errors: ['Invalid login credentials. Please try again.'] }];
      const token = randomBytes(16).toString('base64url');
      const client = randomBytes(8).toString('base64url');
      tokens.set(token, { client, calls: 0 });
      emu.signIns += 1;
      return [200, { data: { id: 1, email, uid: email, name: 'Maintenance - Velocity' } }, { 'access-token': token, client, uid: email, 'token-type': 'Bearer' }];
    }
    // Test and demo inspection, outside the tenant's API: what the emulator holds and what it was told.
    if (path === '/_emulator/patches' && req.method === 'GET') return [200, patches];
    const inspect = /^\/_emulator\/cases\/(\d+)$/.exec(path);
    if (inspect && req.method === 'GET') return cases.has(Number(inspect[1])) ? [200, cases.get(Number(inspect[1]))] : [404, { errors: ['Record not found'] }];
    if (!authorised(req)) return [401, { errors: ['You need to sign in or sign up before continuing.'] }];
    if (failures > 0 && (!failMatch || failMatch.test(path))) {
      failures -= 1;
      return [failStatus, { errors: ['Internal Server Error (emulated)'] }];
    }
    if (hangs > 0) {
      hangs -= 1;
      await new Promise((r) => setTimeout(r, hangMs));
    }
    if (path === '/api/v2/me' && req.method === 'GET') return [200, { id: 1, email, label: 'Maintenance - Velocity' }];
    if (path === '/api/v2/entities/Case' && req.method === 'GET') {
      // The tenant's own quirk: view=all hides everything.
      if (q.view === 'all') return [200, { columns: [], results: [], pagination: { count: 0, page: 1, items: 0, pages: 0 } }];
      let filters: { operator: string; conditions: { name: string; value: unknown; operator: string }[] }[] = [];
      try {
        filters = q.filters ? (JSON.parse(q.filters) as typeof filters) : [];
      } catch {
        return [400, { errors: ['filters is not JSON'] }];
      }
      const conds = filters.flatMap((f) => f.conditions ?? []);
      if (conds.some((c) => c.operator === 'not_equals')) return [500, { errors: ['undefined method `not_equals\' for nil:NilClass'] }];
      let list = [...cases.values()].filter((c) => conds.every((cond) => matches(c, cond)));
      const [sortField, sortDir] = (q.sort || 'id DESC').split(/\s+/);
      const key = (c: EmulatedCase) => (sortField === 'updated_at' ? c.updated_at : sortField === 'created_at' ? c.created_at : String(c.id).padStart(20, '0'));
      list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id) * (sortDir?.toUpperCase() === 'ASC' ? 1 : -1));
      const items = Math.min(Math.max(Number(q.items) || 25, 1), 100);
      const page = Math.max(Number(q.page) || 1, 1);
      const count = list.length;
      list = list.slice((page - 1) * items, page * items);
      return [200, {
        columns: [{ name: 'label', label: 'Label', type: 'string' }, { name: 'status', label: 'Status', type: 'select' }],
        results: list.map(listShape),
        pagination: { count, page, items, pages: Math.ceil(count / items) },
      }];
    }
    const m = /^\/api\/v2\/entities\/Case\/(\d+)(\/events)?$/.exec(path);
    if (m) {
      const c = cases.get(Number(m[1]));
      if (!c) return [404, { errors: ['Record not found'] }];
      if (m[2] && req.method === 'GET') return [200, { results: [...c.events].sort((a, b) => b.id - a.id) }];
      if (!m[2] && req.method === 'GET') return [200, detailShape(c)];
      if (!m[2] && req.method === 'PATCH') {
        let b: { fields?: Record<string, unknown> } & Record<string, unknown> = {};
        try {
          b = JSON.parse(raw) as typeof b;
        } catch {
          return [400, { errors: ['Invalid JSON'] }];
        }
        patches.push({ caseId: c.id, body: b });
        const f = b.fields && typeof b.fields === 'object' ? b.fields : {};
        if ('status' in f && !(String(f.status) in WRITE_VALUES)) return [422, { errors: [`Status is not included in the list: ${String(f.status)}`] }];
        if (writeLagMs > 0) {
          const lagged = { ...f };
          setTimeout(() => applyFields(c, lagged), writeLagMs);
          return [200, detailShape(c)];
        }
        applyFields(c, f);
        // Values at the top level are silently ignored, exactly like the tenant.
        return [200, detailShape(c)];
      }
    }
    if (path === '/api/v2/entities/Note' && req.method === 'POST') {
      return postNote(raw);
    }
    return [404, { errors: ['Not found'] }];
  }

  function applyFields(c: EmulatedCase, f: Record<string, unknown>): void {
    const at = stamp();
    let changed = false;
    for (const [k, v] of Object.entries(f)) {
      const next = k === 'status' ? WRITE_VALUES[String(v)] : v;
      if (c.fields[k] === next) continue;
      const old = c.fields[k];
      c.fields[k] = next;
      changed = true;
      addEvent(c, {
        event_type: k === 'status' ? 'status_change' : 'update', subtitle: k === 'status' ? `Status changed to ${String(next)}` : `${k} updated`,
        content: k === 'c__update' ? String(v) : null, formatted_changes: { [k]: { field: k, old_value: old, new_value: next } },
        user: ourUser, public_note: k === 'c__update',
      }, at);
    }
    if (changed) c.updated_at = at;
  }

  function postNote(raw: string): [number, unknown] {
    if (!notePermission) return [403, { errors: ['You are not authorized to perform this action.'] }];
    let b: { entity_type?: string; entity_id?: number | string; subtitle?: string; public_note?: boolean } = {};
    try {
      b = JSON.parse(raw) as typeof b;
    } catch {
      return [400, { errors: ['Invalid JSON'] }];
    }
    const c = cases.get(Number(b.entity_id));
    if (b.entity_type !== 'Case' || !c || !b.subtitle) return [422, { errors: ['entity_type Case, entity_id and subtitle are required'] }];
    const at = stamp();
    addEvent(c, { event_type: 'note', subtitle: b.subtitle, content: b.subtitle, formatted_changes: null, user: ourUser, public_note: b.public_note !== false }, at);
    c.updated_at = at;
    notes.push({ caseId: c.id, subtitle: b.subtitle, publicNote: b.public_note !== false });
    return [201, { id: eventSeq, entity_type: 'Note' }];
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = await readBody(req);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      let out: [number, unknown, Record<string, string>?];
      try {
        out = await route(req, res, url, raw);
      } catch {
        out = [500, { errors: ['Emulator error'] }];
      }
      let parsed: unknown = null;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        parsed = raw;
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: out[0], body: parsed });
      if (res.destroyed) return;
      res.writeHead(out[0], { 'content-type': 'application/json', ...(out[2] ?? {}) });
      res.end(JSON.stringify(out[1]));
    })();
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    email,
    password,
    cases,
    requests,
    patches,
    notes,
    get signIns() {
      return emu.signIns;
    },
    expireTokens: () => tokens.clear(),
    expireAfter: (n) => {
      expireAfterCalls = n;
    },
    failNext: (n, status = 500, match) => {
      failures = n;
      failStatus = status;
      failMatch = match ?? null;
    },
    lagWrites: (ms) => {
      writeLagMs = ms;
    },
    hangNext: (n, ms) => {
      hangs = n;
      hangMs = ms;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    setNotePermission: (allowed) => {
      notePermission = allowed;
    },
    changeCase(id, change) {
      const c = cases.get(id);
      if (!c) throw new Error(`No case ${id}`);
      const at = stamp();
      if (change.label !== undefined) c.label = change.label;
      if (change.dr !== undefined) c.dr = change.dr === null ? null : { id: c.dr?.id ?? c.id, label: change.dr };
      if (change.status !== undefined && change.status !== c.fields.status) {
        addEvent(c, {
          event_type: 'status_change', subtitle: `Status changed to ${change.status}`, content: null,
          formatted_changes: { status: { field: 'Status', old_value: c.fields.status, new_value: change.status } },
          user: { label: 'Lindiwe (Fibertime CC)', email: 'cc@fibertime.example' }, public_note: false,
        }, at);
        c.fields.status = change.status;
      }
      Object.assign(c.fields, change.fields ?? {});
      if (change.note) addEvent(c, { event_type: 'note', subtitle: change.note, content: change.note, formatted_changes: null, user: { label: 'Lindiwe (Fibertime CC)', email: 'cc@fibertime.example' }, public_note: true }, at);
      c.updated_at = at;
      return c;
    },
    addCase: (c) => {
      cases.set(c.id, c);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
