// REST client for QContact v2 (../shared/contracts/qcontact.md): devise-token-auth sign-in (tokens in the response
// headers), the three auth headers on every call, one re-sign-in on 401 then one retry, idempotent reads retried on
// 5xx and timeouts, paging while `page * items < pagination.count`, and typed errors.

export interface QcontactClientOptions {
  baseUrl: string;
  email: string;
  password: string;
  timeoutMs?: number;
  /** Extra tries of a read after a 5xx, 429 or timeout (default 2), with a short growing pause. */
  readRetries?: number;
  retryPauseMs?: number;
  pageSize?: number;
}

export type QcontactErrorKind = 'auth' | 'http' | 'timeout' | 'network' | 'protocol';

/** A failed call; `retryable` says whether trying again later can help (5xx, 429, timeouts, network). */
export class QcontactError extends Error {
  constructor(
    message: string,
    public readonly kind: QcontactErrorKind,
    public readonly status: number | null,
    public readonly retryable: boolean,
    public readonly response?: unknown,
  ) {
    super(message);
    this.name = 'QcontactError';
  }
}

export interface QcontactCaseSummary {
  id: number | string;
  label: string;
  status?: string | null;
  updated_at?: string | null;
  [key: string]: unknown;
}

export interface QcontactRelationship {
  id: number | string;
  label?: string | null;
  [key: string]: unknown;
}

export interface QcontactCaseDetail {
  id: number | string;
  label: string;
  created_at: string;
  updated_at: string;
  fields: Record<string, unknown>;
  relationships?: Record<string, QcontactRelationship | null | undefined>;
  [key: string]: unknown;
}

export interface QcontactEvent {
  id: number | string;
  event_type?: string;
  subtitle?: string | null;
  html?: string | null;
  content?: string | null;
  user?: { label?: string | null; email?: string | null } | null;
  raised_at?: string | null;
  created_at?: string | null;
  public_note?: boolean | null;
  [key: string]: unknown;
}

interface ListPage {
  results: QcontactCaseSummary[];
  pagination: { count: number; page: number; items: number; pages?: number };
}

/** 5xx, 408 and 429 are worth retrying; other refusals are final. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** More pages follow while a full page came back and page * items < count. */
export function hasMorePages(p: ListPage['pagination'], received: number, requested: number): boolean {
  return received >= requested && p.page * p.items < p.count;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createQcontactClient(o: QcontactClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? 15_000;
  const readRetries = o.readRetries ?? 2;
  const pause = o.retryPauseMs ?? 250;
  let auth: { 'access-token': string; client: string; uid: string } | null = null;
  const stats = { requests: 0, signIns: 0, retries: 0 };

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
    stats.requests += 1;
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new QcontactError(`QContact did not answer ${method} ${path} within ${timeoutMs} ms`, 'timeout', null, true);
      throw new QcontactError(`QContact unreachable: ${e.message}`, 'network', null, true);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's error page): keep the text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function signIn(): Promise<void> {
    stats.signIns += 1;
    const r = await send('POST', '/api/v2/auth/sign_in', { email: o.email, password: o.password });
    if (r.status !== 200) {
      throw new QcontactError(`QContact sign-in refused (${r.status})`, r.status === 401 ? 'auth' : 'http', r.status, isRetryableStatus(r.status), r.body);
    }
    const token = r.headers.get('access-token');
    const client = r.headers.get('client');
    const uid = r.headers.get('uid');
    if (!token || !client || !uid) throw new QcontactError('QContact sign-in answered without access-token, client and uid headers', 'protocol', 200, false, r.body);
    auth = { 'access-token': token, client, uid };
  }

  // One sign-in at a time: calls running side by side share it instead of each signing in.
  let signingIn: Promise<void> | null = null;
  function ensureSignedIn(stale?: typeof auth): Promise<void> {
    if (auth && auth !== stale) return Promise.resolve();
    signingIn ??= signIn().finally(() => {
      signingIn = null;
    });
    return signingIn;
  }

  /** One authenticated call: sign in when needed, once more after a 401, then give up. */
  async function authed(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    await ensureSignedIn();
    // Signed in by now (signIn throws otherwise).
    const used = auth as NonNullable<typeof auth>;
    let r = await send(method, path, body, used);
    if (r.status === 401) {
      await ensureSignedIn(used);
      r = await send(method, path, body, auth as NonNullable<typeof auth>);
      if (r.status === 401) throw new QcontactError(`QContact refused fresh credentials for ${method} ${path}`, 'auth', 401, false, r.body);
    }
    return r;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const idempotent = method === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      try {
        const r = await authed(method, path, body);
        if (r.status >= 200 && r.status < 300) return r.body as T;
        const detail = typeof r.body === 'string' ? r.body.slice(0, 200) : JSON.stringify(r.body).slice(0, 300);
        throw new QcontactError(`QContact answered ${r.status} to ${method} ${path}: ${detail}`, 'http', r.status, isRetryableStatus(r.status), r.body);
      } catch (err) {
        const retry = idempotent && err instanceof QcontactError && err.retryable && err.kind !== 'auth' && attempt < readRetries;
        if (!retry) throw err;
        stats.retries += 1;
        await sleep(pause * (attempt + 1));
      }
    }
  }

  return {
    stats,
    signIn,
    me: () => call<unknown>('GET', '/api/v2/me'),
    /** Cases assigned to `assigneeId`, page by page (never view=all, never not_equals). */
    async *listCases(q: { assigneeId: string; sort?: string; status?: string; pageSize?: number }): AsyncGenerator<QcontactCaseSummary[]> {
      const items = q.pageSize ?? o.pageSize ?? 50;
      const conditions = [{ name: 'assigned_to', value: q.assigneeId, operator: 'equals' }];
      if (q.status) conditions.push({ name: 'status', value: q.status, operator: 'equals' });
      const filters = JSON.stringify([{ operator: 'all', conditions }]);
      for (let page = 1; ; page += 1) {
        const params = new URLSearchParams({ sort: q.sort ?? 'updated_at DESC', page: String(page), items: String(items), filters });
        const body = await call<ListPage>('GET', `/api/v2/entities/Case?${params.toString()}`);
        if (!body || !Array.isArray(body.results) || !body.pagination) throw new QcontactError('QContact case list without results and pagination', 'protocol', 200, false, body);
        yield body.results;
        if (!hasMorePages(body.pagination, body.results.length, items)) return;
      }
    },
    getCase: (id: string | number) => call<QcontactCaseDetail>('GET', `/api/v2/entities/Case/${encodeURIComponent(String(id))}`),
    async getEvents(id: string | number): Promise<QcontactEvent[]> {
      const body = await call<QcontactEvent[] | { results?: QcontactEvent[] }>(
        'GET', `/api/v2/entities/Case/${encodeURIComponent(String(id))}/events?expand_conversations=false&page=1&sort=id%20DESC`,
      );
      return Array.isArray(body) ? body : (body?.results ?? []);
    },
    /** Changed values go under `fields`: QContact ignores top-level values (200, nothing changes). */
    updateCase: (id: string | number, fields: Record<string, unknown>) => call<QcontactCaseDetail>('PATCH', `/api/v2/entities/Case/${encodeURIComponent(String(id))}`, { fields }),
    addNote: (id: string | number, text: string, publicNote = true) =>
      call<unknown>('POST', '/api/v2/entities/Note', { entity_type: 'Case', entity_id: id, subtitle: text, public_note: publicNote }),
  };
}
export type QcontactClient = ReturnType<typeof createQcontactClient>;
