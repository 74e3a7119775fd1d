// What may reach a log line: errors without their SQL text, parameters or row details, and no personal data (phone
// numbers, email addresses, street addresses, people's names, free-text bodies), by field name and by pattern.
import { maskEmail, maskPhone } from './maskContact';

/** Field names whose values are personal: masked (phones, emails) or replaced whatever their shape. */
const PHONE_KEY = /phone|msisdn|chatid|mobile/i;
const EMAIL_KEY = /email/i;
const REDACT_KEY = /^(address|street|reportername|customername|contactname|name|fullname|firstname|lastname|body|description|text|title|notes?|params|query_text|sql|detail|password|secret|token|authorization|cookie)$/i;

const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// 9-15 digits with an optional + and single spaces; not inside words, dates (dashes) or decimals.
const PHONE_RE = /(?<![\w.:/-])\+?\d(?: ?\d){8,14}(?![\w.:/-])/g;

/** Masks email addresses and phone numbers wherever they appear inside a string. */
export function maskText(s: string): string {
  return s.replace(EMAIL_RE, (m) => maskEmail(m)).replace(PHONE_RE, (m) => maskPhone(m));
}

function redactValue(key: string, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    if (PHONE_KEY.test(key)) return maskPhone(value);
    if (EMAIL_KEY.test(key)) return maskEmail(value);
    if (REDACT_KEY.test(key)) return '[redacted]';
    return maskText(value);
  }
  if (REDACT_KEY.test(key) && typeof value === 'object') return '[redacted]';
  if (typeof value === 'object' && depth < 6) return redactPersonal(value as Record<string, unknown>, depth + 1);
  return value;
}

/** A copy of a log object with personal fields masked or removed, at any depth (arrays included). */
export function redactPersonal<T>(obj: T, depth = 0): T {
  if (Array.isArray(obj)) return obj.map((v) => redactValue('', v, depth)) as T;
  if (!obj || typeof obj !== 'object' || obj instanceof Date) return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) out[k] = redactValue(k, v, depth);
  return out as T;
}

/**
 * An error as it may be logged: its type, SQLSTATE code, table and constraint, a message with quoted values blanked,
 * and stack frames without the message line. A database error's query text, parameters and detail are left out.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { message: maskText(String(err)) };
  const e = err as { name?: unknown; constructor?: { name?: string }; code?: unknown; message?: unknown; stack?: unknown; table?: unknown; constraint?: unknown; cause?: unknown };
  const message = typeof e.message === 'string' ? maskText(e.message.replace(/"[^"]*"/g, '"…"').replace(/\([^()]*\)=\([^()]*\)/g, '(…)=(…)')) : undefined;
  const out: Record<string, unknown> = { type: typeof e.name === 'string' ? e.name : e.constructor?.name, message };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.table === 'string') out.table = e.table;
  if (typeof e.constraint === 'string') out.constraint = e.constraint;
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  if (e.cause && typeof e.cause === 'object') out.cause = safeError(e.cause);
  return out;
}
