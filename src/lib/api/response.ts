// The operator's apiResponse envelope: every API answer, success or error, has this shape.
import type { ServerResponse } from 'node:http';
import { AppError, MethodNotAllowedError, RateLimitError, ServiceUnavailableError } from './errors';

export interface Meta {
  timestamp: string;
  requestId?: string;
  [key: string]: unknown;
}
export interface SuccessBody<T> {
  success: true;
  data: T;
  message?: string;
  meta: Meta;
}
export interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: unknown };
  meta: Meta;
}

export function successBody<T>(data: T, extra: { message?: string; meta?: Record<string, unknown> } = {}): SuccessBody<T> {
  return {
    success: true,
    data,
    ...(extra.message ? { message: extra.message } : {}),
    meta: { timestamp: new Date().toISOString(), ...extra.meta },
  };
}

export function errorBody(code: string, message: string, details?: unknown, meta: Record<string, unknown> = {}): ErrorBody {
  return {
    success: false,
    error: { code, message, ...(details === undefined ? {} : { details }) },
    meta: { timestamp: new Date().toISOString(), ...meta },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

/** Maps any thrown value to an error envelope; unknown errors become a 500 that shows no internals. */
export function sendError(res: ServerResponse, err: unknown, requestId: string): void {
  if (err instanceof AppError) {
    if (err instanceof MethodNotAllowedError) res.setHeader('Allow', err.allow.join(', '));
    if (err instanceof RateLimitError || err instanceof ServiceUnavailableError) {
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
    }
    sendJson(res, err.status, errorBody(err.code, err.message, err.details, { requestId }));
    return;
  }
  sendJson(res, 500, errorBody('INTERNAL_ERROR', `Internal server error (request ${requestId})`, undefined, { requestId }));
}
