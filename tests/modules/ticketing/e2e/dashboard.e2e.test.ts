// The dashboard's numbers: they count the open work and each one clicks through to the list of those tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;
let uid = '';

beforeAll(async () => {
  browser = await launchBrowser(fx);
  const r = await apiAs(fx, fx.users.agent).post<{ ticketUid: string }>('tickets', { source: 'qcontact', qcontactRef: 'FT777001', title: 'Cabinet door open', priority: 'critical' });
  expect(r.status).toBe(201);
  uid = r.body.data.ticketUid;
});
afterAll(async () => {
  await browser?.close();
});

describe('dashboard', () => {
  it('counts open tickets and opens the list behind a number', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing');
    // The card's accessible name is its visible text: the label, then the figure.
    const open = page.getByRole('link', { name: /^Open tickets\s*\d+/ });
    await open.waitFor();
    expect(Number(/(\d+)/.exec((await open.textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Open by source' }).getByRole('link', { name: /QContact/ }).click();
    await page.waitForURL(/source=qcontact/);
    expect(page.url()).toContain('status=new%2Ctriaged');
    await page.getByTestId('ticket-row').filter({ hasText: uid }).waitFor();
    expect(await page.getByLabel('Source').inputValue()).toBe('qcontact');
    await screenshot(page, fx, 'ticket-list-from-dashboard-desktop');
    await context.close();
  });
});
