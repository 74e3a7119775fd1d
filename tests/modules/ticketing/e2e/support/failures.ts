// Vitest setup for the E2E suite: when a test fails, the last page it opened is saved as a screenshot to look at.
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { loadFixture } from './fixture';

const holder = globalThis as unknown as { __e2eLastPage?: Page };

export function rememberPage(page: Page): void {
  holder.__e2eLastPage = page;
}

afterEach(async (ctx) => {
  const page = holder.__e2eLastPage;
  holder.__e2eLastPage = undefined;
  if (ctx.task.result?.state !== 'fail' || !page || page.isClosed()) return;
  const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  await page.screenshot({ path: path.join(loadFixture().screensDir, `FAILED-${name}.png`), fullPage: true }).catch(() => undefined);
});
