// Keyboard-only helpers: move focus with Tab alone until the wanted control has it.
import type { Page } from 'playwright-core';

/** Presses Tab (at most `max` times) until the focused element has the given name attribute; returns the presses used. */
export async function tabTo(page: Page, name: string, max = 60): Promise<number> {
  for (let i = 0; i <= max; i += 1) {
    const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
    if (focused === name) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the control named "${name}"`);
}
