// The one place that reads process.env: a zod schema validates every variable and names the bad one.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalUrl = z.string().url().optional();

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // npm run receiver: the channels' webhooks served without Next.js in front (see README, Webhook receiver); 0 takes
  // any free port (it prints which).
  RECEIVER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_DRIVER: z.enum(['pglite', 'pg', 'neon']).optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  NEON_WS_PROXY: z.string().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  REQUIRED_DB_ENDPOINT: z.string().min(1).optional(),
  AUTH_PROVIDER: z.enum(['local', 'clerk']).default('local'),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  CLERK_JWT_KEY: z.string().min(1).optional(),
  CLERK_AUTHORIZED_PARTIES: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CRON_SECRET: z.string().min(16).optional(),
  STORAGE_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).default(10 * 1024 * 1024),
  ATTACHMENT_ALLOWED_TYPES: z
    .string()
    .default(
      'image/jpeg,image/png,image/webp,image/gif,application/pdf,text/plain,text/csv,' +
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
        // WhatsApp voice notes and videos (issue 9)
        'audio/ogg,audio/mpeg,audio/mp4,video/mp4',
    ),
  BUSINESS_TIMEZONE: z.string().min(1).default('Africa/Johannesburg'),
  WORKER_ENABLED: bool.default(true),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  // The inbound events' own loop (webhooks stored, waiting for the worker): how long it rests once the queue is empty.
  WORKER_INBOUND_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  // How many batch loops the inbound job runs side by side in one worker process.
  WORKER_INBOUND_LOOPS: z.coerce.number().int().min(1).max(16).default(4),
  // The queue tables (inbound_events, outbox) are vacuumed by the worker once this many dead row versions pile up
  // (0: never; leave it to autovacuum). Every claim walks past the dead ones until a vacuum removes them.
  QUEUE_VACUUM_DEAD_ROWS: z.coerce.number().int().min(0).default(10_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  INVOICING_URL: optionalUrl,
  INVOICING_API_KEY: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().default('FibreFlow Tickets <tickets@fibreflow.local>'),
  WAHA_URL: optionalUrl,
  WAHA_API_KEY: z.string().optional(),
  WAHA_SESSION: z.string().default('default'),
  QCONTACT_URL: optionalUrl,
  QCONTACT_EMAIL: z.string().optional(),
  QCONTACT_PASSWORD: z.string().optional(),
  QCONTACT_ASSIGNEE_ID: z.string().optional(),
  QCONTACT_SYNC_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(5),
  QCONTACT_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** How long one QContact call may take before it counts as a timeout (retried). */
  QCONTACT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** HMAC-SHA512 key WAHA signs its webhooks with (X-Webhook-Hmac); unsigned webhooks are refused when set. */
  WAHA_WEBHOOK_KEY: z.string().min(1).optional(),
  /** The inbound-mail webhook's shared secret (header X-Webhook-Token). */
  EMAIL_WEBHOOK_TOKEN: z.string().min(16).optional(),
  IMAP_HOST: z.string().optional(),
  IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
  IMAP_USER: z.string().optional(),
  IMAP_PASSWORD: z.string().optional(),
  IMAP_MAILBOX: z.string().default('INBOX'),
  IMAP_TLS: bool.default(true),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  EMAIL_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  /** A bulk-SMS REST gateway for the WhatsApp fallback. */
  SMS_URL: optionalUrl,
  SMS_API_KEY: z.string().optional(),
  SMS_SENDER: z.string().max(11).default('FibreFlow'),
  APP_URL: z.string().url().default('http://localhost:3000'),
  /** npm start loads the demo into an empty database: auto = only the embedded PGlite one. */
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Database timeouts (ms): waiting for a connection, one statement, and an idle open transaction. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  DATABASE_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(30000),
  /** Attachments: the local directory (one machine) or an S3-compatible bucket (several web processes). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Network register (issue 15): the largest register file accepted, and the map tiles of the hot-elements map
  // ({z}/{x}/{y} template; empty = no map, the list only).
  NETWORK_IMPORT_MAX_BYTES: z.coerce.number().int().min(1).default(100 * 1024 * 1024),
  MAP_TILE_URL: z.string().default(''),
  MAP_TILE_ATTRIBUTION: z.string().default(''),
  /** Where the register's clients, projects and drops come from: our own tables, or FibreFlow's through the
   * read-only views of neon/fibreflow/register_views.sql (the register is then read-only here). */
  NETWORK_REGISTER_SOURCE: z.enum(['own', 'fibreflow']).default('own'),
});

export type RawConfig = z.infer<typeof configSchema>;
export type AppConfig = RawConfig & {
  dbDriver: 'pglite' | 'pg' | 'neon';
  pgliteDataDir: string;
  storageDir: string;
  sessionSecret: string;
  allowedAttachmentTypes: string[];
};

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const DEV_SESSION_SECRET = 'fibreflow-development-session-secret-change-me';

/** The seed's production Neon endpoint: a production process on Neon refuses any other unless told otherwise. */
export const PRODUCTION_DB_ENDPOINT = 'ep-dry-night-a9qyh4sj';

/** The guard is on by default in production on a Neon host (the seed's rule), off elsewhere unless set. */
function defaultDbEndpoint(nodeEnv: string, databaseUrl: string | undefined): string | undefined {
  if (nodeEnv !== 'production' || !databaseUrl) return undefined;
  try {
    return /(^|\.)neon\.tech$/i.test(new URL(databaseUrl).hostname) ? PRODUCTION_DB_ENDPOINT : undefined;
  } catch {
    return undefined;
  }
}

/** Pure: parse an environment map into the typed config, or throw a ConfigError naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') cleaned[key] = v;
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const c = parsed.data;
  const dbDriver = c.DATABASE_DRIVER ?? (c.DATABASE_URL ? 'pg' : 'pglite');
  if (dbDriver !== 'pglite' && !c.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL', `required when DATABASE_DRIVER=${dbDriver}`);
  }
  if (c.AUTH_PROVIDER === 'clerk' && !c.CLERK_JWT_KEY) {
    throw new ConfigError('CLERK_JWT_KEY', 'required when AUTH_PROVIDER=clerk');
  }
  if (c.STORAGE_DRIVER === 's3' && !c.S3_BUCKET) {
    throw new ConfigError('S3_BUCKET', 'required when STORAGE_DRIVER=s3');
  }
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', 'required in production (at least 32 characters)');
  }
  return {
    ...c,
    REQUIRED_DB_ENDPOINT: c.REQUIRED_DB_ENDPOINT ?? defaultDbEndpoint(c.NODE_ENV, c.DATABASE_URL),
    dbDriver,
    pgliteDataDir: c.PGLITE_DATA_DIR ?? `${c.DATA_DIR}/pglite`,
    storageDir: c.STORAGE_DIR ?? `${c.DATA_DIR}/attachments`,
    sessionSecret: c.SESSION_SECRET ?? DEV_SESSION_SECRET,
    allowedAttachmentTypes: c.ATTACHMENT_ALLOWED_TYPES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  // process.env is read here and nowhere else.
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests and scripts may pin a config (for example a per-file database). */
export function setConfig(config: AppConfig | undefined): void {
  cached = config;
}
