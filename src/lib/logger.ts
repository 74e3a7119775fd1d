// Structured logging (pino): one root logger, child loggers per module, contact details masked.
import pino, { type Logger } from 'pino';
import { getConfig } from './config';

let root: Logger | undefined;

export function rootLogger(): Logger {
  const level = getConfig().LOG_LEVEL;
  // Follows the config: a test or script that pins a config (LOG_LEVEL=silent) gets a logger at that level.
  if (root?.level === level) return root;
  root = pino({
    level,
    base: { app: 'fibreflow-ticketing' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
  return root;
}

export function moduleLogger(module: string): Logger {
  return rootLogger().child({ module });
}

/** Masks a phone number to its last three digits: +27821234567 -> *********567. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\s+/g, '');
  return digits.length <= 3 ? '***' : '*'.repeat(digits.length - 3) + digits.slice(-3);
}

/** Masks an email address: jane.doe@example.com -> j***@example.com. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export type { Logger };
