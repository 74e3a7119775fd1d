// axe-core in the page: its source from node_modules (no CDN) is injected into the Playwright page and run there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs every axe rule on the page and returns the serious and critical violations (none is the goal). */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag: the app's Content-Security-Policy (nonce-only
  // scripts) rightly blocks an injected inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async (excluded) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run({ exclude: excluded.map((s) => [s]) }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, exclude);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
