// Creating a ticket with the keyboard alone: Tab to each control, type, choose with the arrow keys, Enter to submit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { launchBrowser, openSession } from './support/browser';
import { tabTo } from './support/keyboard';

const fx = loadFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

describe('keyboard only', () => {
  it('creates a ticket without touching the mouse', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // From the dashboard to the form by keyboard: the "New ticket" link in the sidebar.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (text === 'New ticket') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ticketing\/tickets\/new$/);
    await page.getByRole('heading', { name: 'New ticket' }).waitFor();

    await tabTo(page, 'source');
    // Internal is chosen; ArrowDown moves a closed select to the next option (Ad hoc: no drop needed).
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('adhoc');
    await tabTo(page, 'priority');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'title');
    await page.keyboard.type('Replace the faded cabinet label');
    await tabTo(page, 'description');
    await page.keyboard.type('Reported by the Lawley field team.');
    await tabTo(page, 'reporterName');
    await page.keyboard.type('Sipho Dlamini');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ticketing\/tickets\/AH-\d{6}$/);
    // The URL changes a moment before the new page renders: wait for the ticket's own heading, not whichever h1 is there.
    await page.getByRole('heading', { level: 1, name: /Replace the faded cabinet label/ }).waitFor();
    expect(await page.locator('[data-priority]').first().getAttribute('data-priority')).toBe('high');
    await context.close();
  });
});
