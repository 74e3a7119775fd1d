// The browser's API client: calls /api/ticketing routes, unwraps the envelope, turns errors into ApiError.
export const API_BASE = '/api/ticketing';

export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
}

export interface Envelope<T> {
  success: boolean;
  data: T;
  message?: string;
  meta: { timestamp?: string; nextCursor?: string | null; [key: string]: unknown };
  error?: { code: string; message: string; details?: ErrorDetails };
}

export interface ErrorDetails {
  location?: string;
  fields?: FieldIssue[];
  allowed?: string[];
  field?: string;
  [key: string]: unknown;
}

/** An API failure with its HTTP status, error code and per-field messages (keyed by field path). */
export class ApiError extends Error {
  readonly fields: Record<string, string>;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'ApiError';
    this.fields = {};
    for (const f of details?.fields ?? []) this.fields[f.field] ??= f.message;
    // A business-rule refusal (422) names its one field as details.field.
    if (typeof details?.field === 'string') this.fields[details.field] ??= message;
  }
}

/** Builds a query string from a filter object, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined | string[]>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls a route (e.g. "tickets?status=new") and returns the whole envelope, or throws ApiError. */
export async function apiRequest<T>(route: string, o: RequestOptions = {}): Promise<Envelope<T>> {
  const method = o.method ?? 'GET';
  const init: RequestInit = { method, credentials: 'same-origin', signal: o.signal, headers: {} };
  // Every state change is JSON, even without a body: the server refuses cookie requests of any other type (CSRF).
  if (o.body !== undefined || method !== 'GET') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(o.body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/${route}`, init);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached. Check your connection and try again.');
  }
  let body: Envelope<T> | undefined;
  try {
    body = (await res.json()) as Envelope<T>;
  } catch {
    body = undefined;
  }
  if (!res.ok || !body?.success) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `Request failed (${res.status})`, e?.details);
  }
  return body;
}

/** Calls a route and returns only its data. */
export async function api<T>(route: string, o: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(route, o)).data;
}

/** SWR's fetcher: the key is the route. */
export const swrFetcher = <T>(route: string): Promise<Envelope<T>> => apiRequest<T>(route);
