// QContact in the browser: an admin sees the integration page, runs a sync, opens an FT ticket, changes its status,
// and the emulator shows the write (PATCH {fields: {status}}).
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

interface EmulatedCase {
  id: number;
  label: string;
  fields: { status: string };
}

async function emulator<T>(path: string): Promise<T> {
  const res = await fetch(`${fx.qcontactUrl}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('QContact', () => {
  it('lets an admin sync from the integration page and write a status back from an FT ticket', async () => {
    expect(fx.qcontactUrl, 'scripts/e2e.ts starts the QContact emulator').toBeTruthy();
    const { context, page } = await openSession(browser, fx, { user: fx.users.admin });
    await page.goto('/ticketing/admin/integrations');
    const card = page.getByTestId('integration-qcontact');
    await card.getByText('Configured', { exact: true }).waitFor();
    await card.getByText('Last successful sync: never').waitFor();
    await card.getByRole('button', { name: 'Sync now' }).click();
    await card.getByText(/Sync finished: 30 cases seen, 30 created/).waitFor({ timeout: 120_000 });
    await card.getByText('Last successful sync:').waitFor();
    await screenshot(page, fx, 'qcontact-integration-desktop');

    // A case the call centre still shows as New: its ticket is new, and triaging it writes "Open" back.
    const patches = await emulator<unknown[]>('/_emulator/patches');
    expect(patches).toEqual([]);
    const listed = await page.request.get('/api/ticketing/tickets?source=qcontact&status=new&limit=1');
    const body = (await listed.json()) as { data: { ticketUid: string; externalId: string }[] };
    expect(body.data.length).toBe(1);
    const { ticketUid, externalId } = body.data[0];
    await page.goto(`/ticketing/tickets/${ticketUid}`);
    const link = page.getByTestId('qcontact-link');
    await link.getByText(externalId).waitFor();
    await page.getByLabel('Move to').selectOption({ label: 'Triaged' });
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByTestId('ticket-status').filter({ hasText: 'Triaged' }).waitFor();
    await link.getByTestId('qcontact-pending').filter({ hasText: '1' }).waitFor();

    // The worker is off in this run: the cron route delivers the outbox, as a serverless scheduler would.
    const cron = await fetch(`${fx.baseUrl}/api/ticketing/cron-outbox`, { method: 'POST', headers: { authorization: `Bearer ${fx.cronSecret}` } });
    expect(cron.status).toBe(200);
    const c = await emulator<EmulatedCase>(`/_emulator/cases/${externalId}`);
    expect(c.fields.status).toBe('Open');
    expect(await emulator<unknown[]>('/_emulator/patches')).toEqual([{ caseId: Number(externalId), body: { fields: { status: 'Open' } } }]);
    await page.reload();
    await page.getByTestId('qcontact-link').getByTestId('qcontact-pending').filter({ hasText: '0' }).waitFor();
    await page.getByTestId('qcontact-link').getByText('Open', { exact: true }).waitFor();
    await screenshot(page, fx, 'qcontact-ticket-desktop');
    await context.close();
  }, 240_000);
});
