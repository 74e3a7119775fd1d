// Typed errors thrown by services; the route wrapper maps each to its HTTP status and error code.
import { humanBytes } from '../humanText';
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'VALIDATION_ERROR', message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super(401, 'UNAUTHORIZED', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'FORBIDDEN', message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'NOT_FOUND', `${what} not found`);
  }
}
export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    public readonly allow: string[],
  ) {
    super(405, 'METHOD_NOT_ALLOWED', `Method ${method} not allowed; use ${allow.join(', ')}`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'PAYLOAD_TOO_LARGE', `Too large: the limit is ${humanBytes(limitBytes)}`, { limitBytes });
  }
}
export class UnsupportedMediaTypeError extends AppError {
  /** `message` replaces the default wording (e.g. for a refused file type, said for people). */
  constructor(expected: string, message?: string) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message ?? `Content-Type must be ${expected}`);
  }
}
export class UnprocessableError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, 'UNPROCESSABLE', message, details);
  }
}
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    details?: unknown,
    public readonly retryAfterSeconds = 5,
  ) {
    super(503, 'SERVICE_UNAVAILABLE', message, details);
  }
}
export class RateLimitError extends AppError {
  constructor(public readonly retryAfterSeconds = 60) {
    super(429, 'RATE_LIMITED', 'Too many requests; try again later');
  }
}
