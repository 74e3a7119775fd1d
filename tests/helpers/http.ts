// A tiny HTTP client for integration tests: JSON in, parsed envelope out, auth by token or cookie.
export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: {
    success: boolean;
    data: T;
    message?: string;
    error?: { code: string; message: string; details?: unknown };
    meta: Record<string, unknown>;
  };
}

export interface CallOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  rawBody?: string | Buffer | FormData;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(baseUrl: string, method: string, route: string, o: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.cookie) {
    headers.cookie = o.cookie;
    // A cookie session is the browser's credential: send what the app's own pages send (the CSRF check needs the
    // app's Origin, and a JSON Content-Type on every state change, even without a body).
    if (method !== 'GET' && method !== 'HEAD') {
      headers.origin ??= new URL(baseUrl).origin;
      if (!(o.rawBody instanceof FormData)) headers['content-type'] ??= 'application/json';
    }
  }
  let payload: string | Buffer | FormData | undefined = o.rawBody;
  if (o.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = JSON.stringify(o.body);
  }
  const res = await fetch(`${baseUrl}/${route}`, { method, headers, body: payload as BodyInit | undefined });
  const text = await res.text();
  let body: ApiResult<T>['body'];
  try {
    body = JSON.parse(text) as ApiResult<T>['body'];
  } catch {
    throw new Error(`Non-JSON response ${res.status} from ${method} ${route}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

/** Binds a base URL and a caller's credentials: api.get('tickets'), api.post('tickets', body). */
export function client(baseUrl: string, auth: { token?: string; cookie?: string } = {}) {
  return {
    get: <T = unknown>(route: string, o: CallOptions = {}) => call<T>(baseUrl, 'GET', route, { ...auth, ...o }),
    post: <T = unknown>(route: string, body?: unknown, o: CallOptions = {}) => call<T>(baseUrl, 'POST', route, { ...auth, ...o, body }),
    patch: <T = unknown>(route: string, body?: unknown, o: CallOptions = {}) => call<T>(baseUrl, 'PATCH', route, { ...auth, ...o, body }),
    put: <T = unknown>(route: string, body?: unknown, o: CallOptions = {}) => call<T>(baseUrl, 'PUT', route, { ...auth, ...o, body }),
    del: <T = unknown>(route: string, o: CallOptions = {}) => call<T>(baseUrl, 'DELETE', route, { ...auth, ...o }),
  };
}
