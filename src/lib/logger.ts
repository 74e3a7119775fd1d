// Structured logging (pino): one root logger, child loggers per module; errors without SQL text or values, and
// personal data (phones, emails, addresses, names, free text) masked in every line.
import pino, { type DestinationStream, type Logger } from 'pino';
import { getConfig } from './config';
import { maskText, redactPersonal, safeError } from './logRedaction';

let root: Logger | undefined;
let destination: DestinationStream | undefined;

function createLogger(level: string): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'fibreflow-ticketing' },
    serializers: { err: safeError, error: safeError },
    formatters: { log: (obj) => redactPersonal(obj) },
    // The message text too: a contact detail written into a message is masked like one in a field.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskText(a) : a)) as Parameters<typeof method>);
      },
    },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export function rootLogger(): Logger {
  const level = getConfig().LOG_LEVEL;
  // Follows the config: a test or script that pins a config (LOG_LEVEL=silent) gets a logger at that level.
  if (root?.level === level) return root;
  root = createLogger(level);
  return root;
}

/** Sends log lines to a stream instead of stdout (tests read what was logged); undefined restores stdout. */
export function setLogDestination(stream: DestinationStream | undefined): void {
  destination = stream;
  root = undefined;
}

export function moduleLogger(module: string): Logger {
  return rootLogger().child({ module });
}

export { maskEmail, maskPhone } from './maskContact';
export type { Logger };
