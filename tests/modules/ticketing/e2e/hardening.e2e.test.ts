// Issue 12 in a real browser: a same-site page on another port can neither approve billing with the manager's cookie
// (CSRF) nor frame the approval queue, a crafted ?next= cannot send the user away after sign-in, and the app's own
// pages still work under the Content-Security-Policy.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession } from './support/browser';

const fx = loadFixture();
let browser: Browser;
let evil: Server;
let evilUrl: string;
let pages: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser(fx);
  // The attacker: another port on the same host (same-site, so the Lax session cookie rides along).
  evil = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(pages[req.url ?? '/'] ?? '<p>evil landing page</p>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => evil?.close(() => r()));
});

async function pendingTicket(): Promise<string> {
  const res = await apiAs(fx, fx.users.agent).post<{ ticketUid: string; status: string }>('tickets', { source: 'internal', title: 'CSRF target', drNumber: fx.drops.billable });
  expect(res.body.data.status).toBe('pending_approval');
  return res.body.data.ticketUid;
}

describe('hardening in the browser', () => {
  it('a same-site page auto-submitting a text/plain form cannot approve billing as the signed-in manager', async () => {
    const uid = await pendingTicket();
    pages = {
      '/csrf': `<form id="f" method="POST" enctype="text/plain" action="${fx.baseUrl}/api/ticketing/billing-approve?uid=${uid}"></form>
                <script>document.getElementById('f').submit()</script>`,
    };
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    const answer = page.waitForResponse((r) => r.url().includes('billing-approve'));
    await page.goto(`${evilUrl}/csrf`);
    expect((await answer).status()).toBe(403);
    const t = await apiAs(fx, fx.users.manager).get<{ status: string }>(`tickets-detail?id=${uid}`);
    expect(t.body.data.status).toBe('pending_approval');
    // The app itself, with the same cookie, still approves from its own page.
    await page.goto('/ticketing/billing/approvals');
    await page.getByRole('button', { name: `Approve ${uid}` }).click();
    await expect.poll(async () => (await apiAs(fx, fx.users.manager).get<{ status: string }>(`tickets-detail?id=${uid}`)).body.data.status).toBe('new');
    await context.close();
  });

  it('refuses to be framed: the approval queue does not render inside another page', async () => {
    await pendingTicket();
    pages = { '/frame': `<iframe id="x" src="${fx.baseUrl}/ticketing/billing/approvals" width="900" height="600"></iframe>` };
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    const head = await page.request.get('/ticketing/billing/approvals');
    expect(head.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(head.headers()['x-frame-options']).toBe('DENY');
    await page.goto(`${evilUrl}/frame`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const buttons = frame ? await frame.locator('button').count().catch(() => 0) : 0;
    expect(buttons).toBe(0);
    await context.close();
  });

  it('ignores a crafted next= that names another host, and follows a same-origin one', async () => {
    const { context, page } = await openSession(browser, fx);
    const evilHost = new URL(evilUrl).host;
    await page.goto(`/login?next=/%09/${evilHost}/`);
    await page.getByLabel('Email').fill(fx.users.agent.email);
    await page.getByLabel('Password').fill(fx.users.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/ticketing$/);
    expect(new URL(page.url()).origin).toBe(fx.baseUrl);
    await context.close();
  });
});
