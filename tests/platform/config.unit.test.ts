// Config: every variable is validated by name, defaults are sensible, and the driver/auth rules hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, configSchema, getConfig, parseConfig, setConfig } from '@/src/lib/config';

afterEach(() => setConfig(undefined));

// One bad value for every variable that can be wrong; the error must name the variable.
const BAD: Record<string, string> = {
  NODE_ENV: 'staging',
  PORT: '70000',
  RECEIVER_PORT: '-1',
  DATABASE_URL: 'not a url',
  DATABASE_DRIVER: 'mysql',
  DATABASE_POOL_MAX: '0',
  DATABASE_PREPARED_STATEMENTS: 'sometimes',
  QCONTACT_TIMEOUT_MS: '50',
  AUTH_PROVIDER: 'okta',
  SESSION_SECRET: 'too-short',
  SESSION_TTL_HOURS: 'abc',
  LOG_LEVEL: 'loud',
  CRON_SECRET: 'short',
  ATTACHMENT_MAX_BYTES: '-1',
  WORKER_ENABLED: 'yes',
  WORKER_INTERVAL_MS: '10',
  WORKER_INBOUND_INTERVAL_MS: '5',
  WORKER_INBOUND_LOOPS: '0',
  QUEUE_VACUUM_DEAD_ROWS: '-1',
  OUTBOX_MAX_ATTEMPTS: '99',
  INVOICING_URL: 'invoicing',
  SMTP_PORT: '0',
  SMTP_SECURE: 'maybe',
  WAHA_URL: '::',
  QCONTACT_URL: 'qcontact',
  QCONTACT_SYNC_MINUTES: '0',
  QCONTACT_WEBHOOK_SECRET: 'short',
  EMAIL_WEBHOOK_TOKEN: 'short',
  IMAP_PORT: '70000',
  IMAP_TLS: 'maybe',
  SMS_URL: 'sms-gateway',
  SMS_SENDER: 'FibreFlowTickets',
  APP_URL: 'localhost',
  IMAP_POLL_SECONDS: '1',
  EMAIL_MAX_BYTES: '10',
  NETWORK_IMPORT_MAX_BYTES: '0',
  NETWORK_REGISTER_SOURCE: 'neon',
  SEED_DEMO: 'always',
  DATABASE_CONNECT_TIMEOUT_MS: '5',
  DATABASE_STATEMENT_TIMEOUT_MS: 'soon',
  DATABASE_IDLE_TX_TIMEOUT_MS: '-1',
  STORAGE_DRIVER: 'ftp',
  S3_ENDPOINT: 'minio',
};

describe('parseConfig', () => {
  it('gives working defaults for an empty environment: embedded PGlite under .data, local auth', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      dbDriver: 'pglite',
      pgliteDataDir: '.data/pglite',
      storageDir: '.data/attachments',
      AUTH_PROVIDER: 'local',
      LOG_LEVEL: 'info',
      WORKER_ENABLED: true,
      WORKER_INTERVAL_MS: 5000,
      WORKER_INBOUND_INTERVAL_MS: 1000,
      WORKER_INBOUND_LOOPS: 4,
      QUEUE_VACUUM_DEAD_ROWS: 10_000,
      BUSINESS_TIMEZONE: 'Africa/Johannesburg',
      DATABASE_POOL_MAX: 10,
      DATABASE_PREPARED_STATEMENTS: true,
      SMTP_SECURE: false,
      NETWORK_REGISTER_SOURCE: 'own',
    });
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.allowedAttachmentTypes).toContain('application/pdf');
  });

  it.each(Object.entries(BAD))('names %s when its value is bad', (name, value) => {
    const env = { [name]: value };
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe(name);
      expect((err as Error).message).toContain(name);
    }
  });

  it('covers every variable of the schema in the bad-value table or as free text', () => {
    const freeText = [
      'DATA_DIR', 'PGLITE_DATA_DIR', 'NEON_WS_PROXY', 'REQUIRED_DB_ENDPOINT', 'CLERK_JWT_KEY', 'CLERK_AUTHORIZED_PARTIES',
      'STORAGE_DIR', 'ATTACHMENT_ALLOWED_TYPES', 'BUSINESS_TIMEZONE', 'INVOICING_API_KEY', 'SMTP_HOST', 'SMTP_USER',
      'SMTP_PASS', 'SMTP_FROM', 'WAHA_API_KEY', 'WAHA_SESSION', 'QCONTACT_EMAIL', 'QCONTACT_PASSWORD',
      'QCONTACT_ASSIGNEE_ID', 'IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD', 'IMAP_MAILBOX', 'SMS_API_KEY', 'WAHA_WEBHOOK_KEY',
    ];
    freeText.push('MAP_TILE_URL', 'MAP_TILE_ATTRIBUTION', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY');
    const known = new Set([...Object.keys(BAD), ...freeText]);
    expect(Object.keys(configSchema.shape).filter((k) => !known.has(k))).toEqual([]);
  });

  it('treats empty strings as unset, so an empty line in .env does not break the app', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ dbDriver: 'pglite', PORT: 3000 });
  });

  it('chooses pg when DATABASE_URL is set and honours an explicit driver', () => {
    const url = 'postgres://u@db.example.com:5432/app';
    expect(parseConfig({ DATABASE_URL: url }).dbDriver).toBe('pg');
    expect(parseConfig({ DATABASE_URL: url, DATABASE_DRIVER: 'neon' }).dbDriver).toBe('neon');
    expect(parseConfig({ DATABASE_URL: url, DATABASE_DRIVER: 'pglite' }).dbDriver).toBe('pglite');
  });

  it.each(['pg', 'neon'])('requires DATABASE_URL when DATABASE_DRIVER=%s', (driver) => {
    expect(() => parseConfig({ DATABASE_DRIVER: driver })).toThrow(/DATABASE_URL: required when DATABASE_DRIVER=/);
  });

  it('requires CLERK_JWT_KEY when AUTH_PROVIDER=clerk', () => {
    expect(() => parseConfig({ AUTH_PROVIDER: 'clerk' })).toThrow(/CLERK_JWT_KEY/);
    expect(parseConfig({ AUTH_PROVIDER: 'clerk', CLERK_JWT_KEY: 'pem' }).AUTH_PROVIDER).toBe('clerk');
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required in production/);
    const secret = 'x'.repeat(40);
    expect(parseConfig({ NODE_ENV: 'production', SESSION_SECRET: secret }).sessionSecret).toBe(secret);
  });

  it('derives directories from DATA_DIR unless given, and splits the attachment types', () => {
    const c = parseConfig({ DATA_DIR: '/srv/ff', ATTACHMENT_ALLOWED_TYPES: 'image/png, application/pdf,,' });
    expect(c.pgliteDataDir).toBe('/srv/ff/pglite');
    expect(c.storageDir).toBe('/srv/ff/attachments');
    expect(c.allowedAttachmentTypes).toEqual(['image/png', 'application/pdf']);
    const d = parseConfig({ PGLITE_DATA_DIR: 'memory://', STORAGE_DIR: '/files' });
    expect(d.pgliteDataDir).toBe('memory://');
    expect(d.storageDir).toBe('/files');
  });

  it('reads booleans as true/false/1/0', () => {
    expect(parseConfig({ WORKER_ENABLED: '0', SMTP_SECURE: '1' })).toMatchObject({ WORKER_ENABLED: false, SMTP_SECURE: true });
  });

  it('names the environment when an issue has no path', () => {
    const err = new ConfigError('environment', 'bad');
    expect(err.message).toBe('Invalid configuration: environment: bad');
    expect(err.name).toBe('ConfigError');
  });
});

describe('.env.example', () => {
  it('documents every variable of the config schema, and nothing else', () => {
    const text = readFileSync(path.join(process.cwd(), '.env.example'), 'utf8');
    const documented = [...new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))].sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('parses as a valid configuration as it stands', () => {
    const env: Record<string, string> = {};
    for (const m of readFileSync(path.join(process.cwd(), '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)) env[m[1]] = m[2];
    expect(parseConfig(env).dbDriver).toBe('pglite');
  });
});

describe('getConfig', () => {
  it('parses process.env once and can be pinned by tests', () => {
    const first = getConfig();
    expect(getConfig()).toBe(first);
    const pinned = parseConfig({ PORT: '4100' });
    setConfig(pinned);
    expect(getConfig().PORT).toBe(4100);
  });
});
