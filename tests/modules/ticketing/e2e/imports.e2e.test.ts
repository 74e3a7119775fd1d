// The weekly fault report through the browser: upload a workbook, read each row's outcome, confirm with the progress
// bar, see the tickets; upload the same file again and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { reportWorkbook } from '../../../helpers/workbooks';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;
const stamp = String(Date.now()).slice(-6);
const ft = `FT8${stamp}`;
const drA = `DR7${stamp}`;
const drB = `DR6${stamp}`;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

describe('weekly fault report import', () => {
  it('uploads, previews, confirms and shows the tickets; the same file again changes nothing', async () => {
    const file = await reportWorkbook({
      summaryFirst: true,
      titleBanner: true,
      rows: [
        { ft, dr: drA, area: 'Lawley', issue: 'ONT shows LOS', status: 'Open', date: '25/11/2026' },
        { dr: drB, area: 'Mohadin', issue: 'Slow speeds at night', status: 'Open', date: 46350 },
        { dr: drB, area: 'Mohadin', issue: 'Listed twice', status: 'Open' },
        { dr: 'DR12', issue: 'Bad drop', status: 'Open' },
      ],
    });
    const api = apiAs(fx, fx.users.agent);
    const count = async () => ((await api.get<unknown[]>(`tickets?q=${stamp}&limit=50`)).body.data ?? []).length;
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/imports');
    await page.getByLabel('Report (.xlsx or .csv)').setInputFiles({ name: `week-${stamp}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: 'Preview' }).click();
    const table = page.getByRole('table', { name: 'Row outcomes' });
    await table.waitFor();
    await page.getByText('Skipped sheets without a ticket header: Summary').waitFor();
    expect(await page.getByTestId('preview-row').count()).toBe(4);
    await page.getByTestId('preview-row').filter({ hasText: 'Same drop as row' }).waitFor();
    await page.getByTestId('preview-row').filter({ hasText: 'is not DR followed by 7 digits' }).waitFor();
    expect(await page.getByTestId('preview-row').filter({ hasText: 'new' }).count()).toBe(2);
    await screenshot(page, fx, 'weekly-report-preview-desktop');
    expect(await count()).toBe(0);
    await page.getByRole('button', { name: 'Confirm import' }).click();
    const done = page.getByText(/Imported as WR\d{4}-W\d{2}-\d{3}/);
    await done.waitFor();
    expect(await done.textContent()).toContain('created 2');
    await page.getByTestId('import-item').filter({ hasText: `week-${stamp}.xlsx` }).waitFor();

    await page.goto(`/ticketing/tickets/${ft}`);
    await page.getByText('ONT shows LOS').first().waitFor();
    expect(await count()).toBe(2);

    await page.goto('/ticketing/imports');
    await page.getByLabel('Report (.xlsx or .csv)').setInputFiles({ name: `week-${stamp}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText(/This file was already imported as WR/).waitFor();
    expect(await page.getByTestId('preview-row').filter({ hasText: 'unchanged' }).count()).toBe(2);
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByText(/already imported as WR\d{4}-W\d{2}-\d{3}: nothing changed/).waitFor();
    expect(await count()).toBe(2);
    await context.close();
  });
});
