// Security headers (issue 12 #5) on API answers (success, error, 404-style and streamed downloads), and the policy
// itself: frame-ancestors 'none', DENY, nosniff, Referrer-Policy, HSTS only when APP_URL is https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '@/src/lib/http/securityHeaders';
import { ticketWorld, type TicketWorld } from '../ticketFixture';

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

function expectHardened(h: Headers, what: string) {
  expect(h.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toBe('same-origin');
}

describe('security headers', () => {
  it('are on every kind of API answer', async () => {
    const agent = w.as(w.users.agent);
    expectHardened((await agent.get('tickets')).headers, 'list');
    expectHardened((await agent.get('tickets-detail?id=FF-999999')).headers, '404');
    expectHardened((await w.as(w.users.agent).post('tickets', { title: 1 })).headers, '400');
    expectHardened((await fetch(`${w.server.url}/tickets`)).headers, '401');
    expectHardened((await fetch(`${w.server.url}/health`)).headers, 'health');
    const csv = await fetch(`${w.server.url}/exports-tickets?format=csv`, { headers: { authorization: `Bearer ${w.users.manager.token}` } });
    expect(csv.status).toBe(200);
    expectHardened(csv.headers, 'export');
    expect((await agent.get('tickets')).headers.get('strict-transport-security')).toBeNull();
  });

  it('build a page policy that allows only the app itself, and HSTS on https', () => {
    const page = securityHeaders({ appUrl: 'https://tickets.fibreflow.example', kind: 'page' });
    expect(page['Content-Security-Policy']).toContain("script-src 'self';");
    expect(page['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(page['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(page['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    const dev = securityHeaders({ appUrl: 'http://localhost:3000', kind: 'page', dev: true });
    expect(dev['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(dev['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ appUrl: 'http://localhost:3000', kind: 'api' })['Content-Security-Policy']).toMatch(/^default-src 'none'/);
  });
});
