// Signing in and the app frame: wrong password refused, name and role shown, screens hidden by role, sign out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

describe('login and the app frame', () => {
  it('sends a visitor to the login page, refuses a wrong password, then signs in and returns to the page asked for', async () => {
    const { context, page } = await openSession(browser, fx);
    await page.goto('/ticketing/tickets');
    await page.waitForURL(/\/login\?next=%2Fticketing%2Ftickets/);
    await screenshot(page, fx, 'login-desktop');
    await page.getByLabel('Email').fill(fx.users.agent.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    await page.getByLabel('Password').fill(fx.users.agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/ticketing\/tickets$/);
    const who = page.getByTestId('current-user');
    await expect.poll(() => who.textContent()).toContain(fx.users.agent.name);
    expect(await who.textContent()).toContain('Agent');
    await context.close();
  });

  it('shows an agent the ticket screens but not the manager and admin screens', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tickets' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Approvals' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Outbox' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Fee schedule' }).count()).toBe(1);
    await page.goto('/ticketing/billing/approvals');
    await page.getByRole('alert').filter({ hasText: 'No access' }).waitFor();
    await context.close();
  });

  it('shows a manager the approval queue and an admin the outbox, and signs out for good', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Approvals' }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Manager');
    await screenshot(page, fx, 'dashboard-desktop');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goto('/ticketing');
    await page.waitForURL(/\/login\?next=/);
    await context.close();

    const admin = await openSession(browser, fx, { user: fx.users.admin });
    await admin.page.goto('/ticketing');
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).waitFor();
    await admin.context.close();
  });

  it('fits a phone: the menu opens as a drawer', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.technician, phone: true });
    await page.goto('/ticketing');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await screenshot(page, fx, 'dashboard-phone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.waitForURL(/\/ticketing\/tickets/);
    await context.close();
  });
});
