// Small platform pieces: the endpoint guard, clocks, masking, sessions, passwords, query parsing, envelopes.
import { describe, expect, it } from 'vitest';
import { assertDbEndpoint, DbEndpointError } from '@/src/lib/db/guard';
import { checkDatabase, dbFailureReason } from '@/src/lib/db/health';
import { ManualClock, systemClock } from '@/src/lib/clock';
import { maskEmail, maskPhone, moduleLogger, rootLogger } from '@/src/lib/logger';
import { parseConfig, setConfig } from '@/src/lib/config';
import { clearSessionCookie, hashApiToken, newApiToken, parseCookies, sessionCookie, signSession, verifySession } from '@/src/lib/auth/session';
import { hashPassword, verifyPassword } from '@/src/lib/auth/password';
import { parseQuery } from '@/src/lib/api/body';
import { errorBody, successBody } from '@/src/lib/api/response';
import { startupProblem } from '@/src/lib/startup';
import type { Queryable } from '@/src/lib/db';

const ENDPOINT = 'ep-dry-night-a9qyh4sj';

describe('REQUIRED_DB_ENDPOINT guard', () => {
  it('does nothing when no endpoint is required', () => {
    expect(() => assertDbEndpoint(undefined, undefined)).not.toThrow();
    expect(() => assertDbEndpoint(undefined, 'postgres://x@localhost/db')).not.toThrow();
  });

  it('accepts a URL on the required Neon endpoint (pooled or direct)', () => {
    expect(() => assertDbEndpoint(ENDPOINT, `postgres://u:p@${ENDPOINT}-pooler.gwc.azure.neon.tech/neondb?sslmode=require`)).not.toThrow();
    expect(() => assertDbEndpoint(ENDPOINT, `postgres://u:p@${ENDPOINT}.gwc.azure.neon.tech/neondb`)).not.toThrow();
  });

  it('refuses another host, naming both the required endpoint and the host it got', () => {
    expect(() => assertDbEndpoint(ENDPOINT, 'postgres://u@ep-other-123.neon.tech/neondb')).toThrow(DbEndpointError);
    expect(() => assertDbEndpoint(ENDPOINT, 'postgres://u@ep-other-123.neon.tech/neondb')).toThrow(
      /REQUIRED_DB_ENDPOINT is "ep-dry-night-a9qyh4sj" but DATABASE_URL points at "ep-other-123.neon.tech"/,
    );
  });

  it('refuses the embedded database and an unparsable URL', () => {
    expect(() => assertDbEndpoint(ENDPOINT, undefined)).toThrow(/no database URL: embedded PGlite/);
    expect(() => assertDbEndpoint(ENDPOINT, 'not a url')).toThrow(DbEndpointError);
  });

  it('is not fooled by the endpoint id in the path or the user name', () => {
    expect(() => assertDbEndpoint(ENDPOINT, `postgres://${ENDPOINT}@evil.example.com/${ENDPOINT}`)).toThrow(/evil\.example\.com/);
  });
});

describe('database health', () => {
  it('names a failure by code, by error name, or as unreachable', () => {
    expect(dbFailureReason(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(dbFailureReason(new DbEndpointError('x'))).toBe('DbEndpointError');
    expect(dbFailureReason(new Error('secret detail'))).toBe('unreachable');
    expect(dbFailureReason(null)).toBe('unreachable');
  });

  it('times out a database that never answers', async () => {
    const hung: Queryable = { query: () => new Promise(() => undefined), exec: async () => undefined };
    const r = await checkDatabase(hung, 20);
    expect(r).toMatchObject({ reachable: false, reason: 'TIMEOUT' });
  });
});

describe('clocks', () => {
  it('a manual clock stands still until set or advanced', () => {
    const c = new ManualClock('2026-11-25T08:00:00Z');
    expect(c.now().toISOString()).toBe('2026-11-25T08:00:00.000Z');
    c.advanceMinutes(90);
    expect(c.now().toISOString()).toBe('2026-11-25T09:30:00.000Z');
    c.set(new Date('2027-01-01T00:00:00Z'));
    expect(c.now().getUTCFullYear()).toBe(2027);
  });

  it('the system clock tells the real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

describe('logging helpers', () => {
  it('masks phone numbers to their last three digits', () => {
    expect(maskPhone('+27 82 123 4567')).toBe('*********567');
    expect(maskPhone('12')).toBe('***');
    expect(maskPhone(null)).toBe('');
  });

  it('masks email addresses to the first letter and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEmail('nobody')).toBe('***');
    expect(maskEmail(undefined)).toBe('');
  });

  it('follows the configured level', () => {
    setConfig(parseConfig({ LOG_LEVEL: 'warn' }));
    expect(rootLogger().level).toBe('warn');
    expect(rootLogger()).toBe(rootLogger());
    setConfig(parseConfig({ LOG_LEVEL: 'silent' }));
    expect(rootLogger().level).toBe('silent');
    setConfig(undefined);
  });

  it('gives each module a child logger carrying its name', () => {
    const log = moduleLogger('platform-test');
    expect(log.bindings()).toMatchObject({ module: 'platform-test' });
  });
});

describe('sessions and tokens', () => {
  const secret = 's'.repeat(40);
  const now = new Date('2026-11-25T10:00:00Z');
  const later = new Date('2026-11-25T22:00:00Z');

  it('verifies its own signature until the expiry', () => {
    const v = signSession('sess-1', later, secret);
    expect(verifySession(v, secret, now)).toBe('sess-1');
    expect(verifySession(v, secret, later)).toBeNull();
  });

  it('rejects a tampered, foreign or malformed cookie', () => {
    const v = signSession('sess-1', later, secret);
    expect(verifySession(v.replace('sess-1', 'sess-2'), secret, now)).toBeNull();
    expect(verifySession(v, 'o'.repeat(40), now)).toBeNull();
    expect(verifySession(`${v}x`, secret, now)).toBeNull();
    expect(verifySession('a.b', secret, now)).toBeNull();
    expect(verifySession(undefined, secret, now)).toBeNull();
  });

  it('writes an httpOnly cookie, Secure in production, and clears it', () => {
    expect(sessionCookie('v', later, false)).toBe(`ff_session=v; Path=/; HttpOnly; SameSite=Lax; Expires=${later.toUTCString()}`);
    expect(sessionCookie('v', later, true)).toMatch(/; Secure$/);
    expect(clearSessionCookie()).toMatch(/^ff_session=; .*Expires=Thu, 01 Jan 1970/);
  });

  it('parses cookies and survives a malformed escape', () => {
    expect(parseCookies('a=1; b=x%20y; junk; =z; c=%E0%A4%A')).toEqual({ a: '1', b: 'x y', c: '%E0%A4%A' });
    expect(parseCookies(undefined)).toEqual({});
  });

  it('makes random API tokens and stores only their hash', () => {
    const a = newApiToken();
    expect(a.token).toMatch(/^ffk_[\w-]{32}$/);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(newApiToken().token).not.toBe(a.token);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('wrong horse', h)).toBe(false);
  });

  it('refuses a missing or foreign hash format', async () => {
    expect(await verifyPassword('x', null)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', 'md5$1$2$3$4$5')).toBe(false);
  });

  it('refuses a corrupted hash with impossible cost parameters instead of crashing', async () => {
    expect(await verifyPassword('x', 'scrypt$3$8$1$c2FsdA==$aGFzaA==')).toBe(false);
  });

  it('refuses a hash of another length', async () => {
    const h = (await hashPassword('pw')).split('$');
    h[5] = Buffer.from('short').toString('base64');
    expect(await verifyPassword('pw', h.join('$'))).toBe(false);
  });
});

describe('query strings and envelopes', () => {
  it('turns a repeated key into an array', () => {
    expect(parseQuery('/x?a=1&b=2&a=3&a=4')).toEqual({ a: ['1', '3', '4'], b: '2' });
    expect(parseQuery(undefined)).toEqual({});
  });

  it('builds the success and error envelopes of the design', () => {
    expect(successBody({ n: 1 }, { message: 'ok', meta: { page: 2 } })).toMatchObject({ success: true, data: { n: 1 }, message: 'ok', meta: { page: 2 } });
    expect(successBody(null)).not.toHaveProperty('message');
    const e = errorBody('X', 'bad');
    expect(e).toMatchObject({ success: false, error: { code: 'X', message: 'bad' } });
    expect(e.error).not.toHaveProperty('details');
    expect(Date.parse(e.meta.timestamp)).not.toBeNaN();
  });
});

describe('startup check', () => {
  it('passes a valid config on an allowed database', () => {
    setConfig(parseConfig({ PORT: '4123' }));
    expect(startupProblem()).toBeNull();
    setConfig(undefined);
  });

  it('names the problem: a stray database, or a bad variable', () => {
    setConfig(parseConfig({ DATABASE_URL: 'postgres://u@elsewhere.example.com/db', REQUIRED_DB_ENDPOINT: 'ep-dry-night-a9qyh4sj' }));
    expect(startupProblem()).toMatch(/REQUIRED_DB_ENDPOINT is "ep-dry-night-a9qyh4sj" but DATABASE_URL points at "elsewhere.example.com"/);
    setConfig(undefined);
  });
});
