// CSRF (issue 12 #1): a cookie-authenticated state change needs application/json (or multipart) and the app's own
// Origin / Sec-Fetch-Site; Bearer tokens and secret-authenticated routes (cron-*) are unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../../helpers/http';
import { billingWorld, type BillingWorld } from '../billingFixture';

let w: BillingWorld;
let cookie: string;
let origin: string;
beforeAll(async () => {
  w = await billingWorld('2026-11-20T07:00:00Z');
  origin = new URL(w.server.url).origin;
  const login = await call(w.server.url, 'POST', 'auth-login', { body: { email: w.users.manager.email, password: w.users.manager.password } });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
});
afterAll(async () => w.close());

const pending = async () => w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
const status = async (id: string) => (await w.tdb.db.query<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [id])).rows[0].status;
/** A raw request that sets exactly the headers given (the helper adds Origin to cookie calls). */
const raw = async (route: string, headers: Record<string, string>, body?: string) => {
  const res = await fetch(`${w.server.url}/${route}`, { method: 'POST', headers: { cookie, ...headers }, body });
  return { status: res.status, body: (await res.json()) as { success: boolean; error?: { code: string } } };
};

describe('CSRF on cookie sessions', () => {
  it('refuses the reported attack: an empty text/plain POST from another origin', async () => {
    const t = await pending();
    const res = await raw(`billing-approve?uid=${t.ticketUid}`, { 'content-type': 'text/plain', origin: 'https://evil.example' }, '');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, error: { code: 'CSRF_REJECTED' } });
    expect(await status(t.id)).toBe('pending_approval');
  });

  it('refuses a same-site page on another port, a missing Origin, and a cross-site fetch metadata', async () => {
    const t = await pending();
    const json = { 'content-type': 'application/json' };
    const otherPort = `http://127.0.0.1:${Number(new URL(origin).port) + 1}`;
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, { ...json, origin: otherPort }, '{}')).status).toBe(403);
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, json, '{}')).status).toBe(403);
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, { ...json, 'sec-fetch-site': 'same-site' }, '{}')).status).toBe(403);
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, { ...json, origin: 'null' }, '{}')).status).toBe(403);
    expect(await status(t.id)).toBe('pending_approval');
  });

  it('refuses the right Origin with a form Content-Type, or with none', async () => {
    const t = await pending();
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, { origin, 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).status).toBe(403);
    expect((await raw(`billing-approve?uid=${t.ticketUid}`, { origin })).status).toBe(403);
    expect(await status(t.id)).toBe('pending_approval');
  });

  it('accepts the app itself: JSON with its Origin, or with Sec-Fetch-Site same-origin', async () => {
    const a = await pending();
    const b = await pending();
    expect((await raw(`billing-approve?uid=${a.ticketUid}`, { origin, 'content-type': 'application/json' }, '{}')).status).toBe(200);
    expect((await raw(`billing-approve?uid=${b.ticketUid}`, { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status).toBe(200);
    expect(await status(a.id)).toBe('new');
    expect(await status(b.id)).toBe('new');
  });

  it('accepts the configured APP_URL origin (behind a proxy whose Host differs)', async () => {
    const t = await pending();
    const res = await raw(`billing-approve?uid=${t.ticketUid}`, { origin: new URL(w.server.config.APP_URL).origin, 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(200);
  });

  it('leaves reads alone: a cross-site GET with the cookie still answers', async () => {
    const res = await fetch(`${w.server.url}/auth-me`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
  });

  it('does not touch Bearer tokens or cron secrets (no cookie, no Origin)', async () => {
    const t = await pending();
    const res = await fetch(`${w.server.url}/billing-approve?uid=${t.ticketUid}`, { method: 'POST', headers: { authorization: `Bearer ${w.users.manager.token}` } });
    expect(res.status).toBe(200);
    const cron = await fetch(`${w.server.url}/cron-sla`, { method: 'POST', headers: { 'x-cron-secret': 'test-cron-secret-0123456789' } });
    expect(cron.status).toBe(200);
  });

  it('refuses an empty body declared as text/plain even with a token (415: the type is checked first)', async () => {
    const t = await pending();
    const res = await fetch(`${w.server.url}/billing-approve?uid=${t.ticketUid}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.users.manager.token}`, 'content-type': 'text/plain' },
      body: '',
    });
    expect(res.status).toBe(415);
    expect(await status(t.id)).toBe('pending_approval');
  });
});
