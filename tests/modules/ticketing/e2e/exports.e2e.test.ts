// Exports from the screens: CSV and PDF of the list filter, and one ticket's PDF; contents checked, pages rendered to PNG.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession } from './support/browser';

const fx = loadFixture();
let browser: Browser;
const marker = `cabinet-${Date.now().toString(36)}`;
const uids: string[] = [];

/** Clicks a download link and returns the saved file's path and suggested name. */
async function download(page: Page, name: string): Promise<{ file: string; suggested: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
  const file = path.join(fx.screensDir, '..', 'e2e-downloads', dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/**
 * Renders the first page next to the screenshots, so a person can see what a manager would print, and checks
 * every page as an image: some ink (text and rules), mostly paper (not a black or garbled page).
 */
function renderFirstPage(file: string, name: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, path.join(fx.screensDir, name)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeGreaterThan(0);
  for (let n = 1; n <= pages; n++) {
    const out = path.join(fx.screensDir, '..', 'e2e-downloads', `${name}-p${n}`);
    execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(n), '-l', String(n), '-singlefile', file, out]);
    const pgm = readFileSync(`${out}.pgm`);
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
    expect(header, `page ${n} is a PGM`).not.toBeNull();
    const pixels = pgm.subarray(pgm.length - Number(header?.[1]) * Number(header?.[2]));
    const ink = pixels.filter((v) => v < 160).length / pixels.length;
    expect(ink, `page ${n} has text`).toBeGreaterThan(0.003);
    expect(ink, `page ${n} is mostly paper`).toBeLessThan(0.5);
  }
}

beforeAll(async () => {
  browser = await launchBrowser(fx);
  const api = apiAs(fx, fx.users.agent);
  for (const [title, priority] of [[`Broken ${marker} door`, 'high'], [`Flooded ${marker} pit`, 'critical']]) {
    const r = await api.post<{ ticketUid: string }>('tickets', { source: 'internal', title, priority, ticketType: 'fault' });
    expect(r.status).toBe(201);
    uids.push(r.body.data.ticketUid);
  }
  await api.post(`tickets-notes?id=${uids[1]}`, { body: 'Pumped out, fibre dry', noteType: 'internal' });
});
afterAll(async () => {
  await browser?.close();
});

describe('exports', () => {
  it('exports the filtered list as CSV with exactly the tickets shown', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets?q=${marker}`);
    await page.getByTestId('ticket-row').filter({ hasText: uids[0] }).waitFor();
    const { file, suggested } = await download(page, 'Export CSV');
    expect(suggested).toMatch(/^tickets-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^UID,Source,Type,/);
    expect(lines).toHaveLength(3);
    for (const uid of uids) expect(lines.some((l) => l.startsWith(`${uid},internal,fault`))).toBe(true);
    await context.close();
  });

  it('exports the same filter as a printable PDF report with a summary', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto(`/ticketing/tickets?q=${marker}&priority=critical`);
    await page.getByTestId('ticket-row').filter({ hasText: uids[1] }).waitFor();
    const { file } = await download(page, 'Export PDF');
    const text = pdfText(file);
    expect(text).toContain('FibreFlow tickets report');
    expect(text).toContain(`Search: ${marker}`);
    expect(text).toContain(uids[1]);
    expect(text).not.toContain(uids[0]);
    expect(text).toMatch(/TICKETS\s+OPEN/);
    renderFirstPage(file, 'export-report-pdf');
    await context.close();
  });

  it("prints one ticket's PDF with its timeline from the detail screen", async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${uids[1]}`);
    await page.getByTestId('ticket-uid').waitFor();
    const { file, suggested } = await download(page, 'PDF');
    expect(suggested).toBe(`${uids[1]}.pdf`);
    const text = pdfText(file);
    expect(text).toContain(`Flooded ${marker} pit`);
    expect(text).toContain('Pumped out, fibre dry');
    expect(text).toContain(`Created ticket ${uids[1]}`);
    renderFirstPage(file, 'export-ticket-pdf');
    await context.close();
  });
});
