// Playwright (playwright-core) driving the system Chromium: sessions per role, desktop or phone, and screenshots.
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { client } from '@/tests/helpers/http';
import type { E2eFixture, E2eUser } from './fixture';
import { rememberPage } from './failures';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(fx: E2eFixture): Promise<Browser> {
  return chromium.launch({ executablePath: fx.chromiumPath, headless: true, args: ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
}

/** A new browser context (own cookies); logged in as `user` through the login API when given. */
export async function openSession(browser: Browser, fx: E2eFixture, o: { user?: E2eUser; phone?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL: fx.baseUrl,
    viewport: o.phone ? PHONE : DESKTOP,
    deviceScaleFactor: o.phone ? 2 : 1,
    isMobile: o.phone ?? false,
    hasTouch: o.phone ?? false,
    locale: 'en-ZA',
    timezoneId: 'Africa/Johannesburg',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  if (o.user) {
    const res = await context.request.post('/api/ticketing/auth-login', { data: { email: o.user.email, password: o.user.password } });
    if (!res.ok()) throw new Error(`login as ${o.user.email} failed: ${res.status()} ${await res.text()}`);
  }
  const page = await context.newPage();
  rememberPage(page);
  return { context, page };
}

/** Saves a full-page screenshot to test-results/screens/<name>.png for a person to look at. */
export async function screenshot(page: Page, fx: E2eFixture, name: string): Promise<void> {
  // From the top, so the sticky header sits where a person would see it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(fx.screensDir, `${name}.png`), fullPage: true });
}

/** The JSON API as a given user (Bearer token), for arranging data the test is not about. */
export function apiAs(fx: E2eFixture, user: E2eUser) {
  return client(`${fx.baseUrl}/api/ticketing`, { token: user.token });
}
