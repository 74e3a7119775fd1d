// The manager, admin and finance screens: SLA rules, business calendar, contracts, guarantees, outbox and invoices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;
let invoiceUid = '';

beforeAll(async () => {
  browser = await launchBrowser(fx);
  // Approved billable work, resolved with its actual hours: ready for finance to invoice.
  const agent = apiAs(fx, fx.users.agent);
  const manager = apiAs(fx, fx.users.manager);
  const t = await agent.post<{ id: string; ticketUid: string }>('tickets', { source: 'internal', title: 'Relocate the ONT', drNumber: fx.drops.spare, ticketType: 'fault', priority: 'low' });
  invoiceUid = t.body.data.ticketUid;
  const approved = await manager.post<{ version: number }>(`billing-approve?uid=${invoiceUid}`, {});
  expect(approved.status).toBe(200);
  await agent.post('tickets-assign', { id: t.body.data.id, assignedTo: fx.users.technician.id, version: approved.body.data.version });
  for (const status of ['in_progress', 'resolved']) expect((await agent.post('tickets-status', { id: t.body.data.id, status })).status).toBe(200);
  expect((await manager.post(`billing-actuals?uid=${invoiceUid}`, { hours: 1.5, partsCents: 12000, trips: 1 })).status).toBe(200);
  // A rejected request: the requester is told by email, which waits in the outbox (the worker is off in this run).
  const r = await agent.post<{ ticketUid: string }>('tickets', { source: 'internal', title: 'Second wall box', drNumber: fx.drops.billable, ticketType: 'fault', priority: 'low' });
  expect((await manager.post(`billing-reject?uid=${r.body.data.ticketUid}`, { reason: 'Out of scope' })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

describe('admin and billing screens', () => {
  it('lets a manager change an SLA rule', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/admin/sla');
    await page.getByRole('button', { name: 'Edit fault low' }).click();
    const form = page.getByRole('form', { name: 'Edit SLA rule fault low' });
    await form.getByLabel('Response hours').fill('60');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await form.getByText('The response target cannot be longer than the resolution target').waitFor();
    await form.getByLabel('Response hours').fill('6');
    await form.getByRole('button', { name: 'Save rule' }).click();
    await page.getByTestId('sla-config').filter({ hasText: 'Response 6 h' }).waitFor();
    await screenshot(page, fx, 'sla-rules-desktop');
    await context.close();
  });

  it('lets an admin add and remove a closed day, with the public holidays listed', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.admin });
    await page.goto('/ticketing/admin/calendar');
    await page.getByRole('list', { name: 'Public holidays' }).getByText('Christmas Day').waitFor();
    const year = new Date().getFullYear();
    await page.getByLabel('Day', { exact: true }).fill(`${year}-12-31`);
    await page.getByLabel('Reason').fill('Year-end shutdown');
    await page.getByRole('button', { name: 'Add closed day' }).click();
    await page.getByTestId('closed-day').filter({ hasText: 'Year-end shutdown' }).waitFor();
    await screenshot(page, fx, 'business-calendar-desktop');
    await page.getByRole('button', { name: `Remove closed day ${year}-12-31` }).click();
    await page.getByText('No extra closed days.').waitFor();
    await context.close();
  });

  it('lets a manager add a contract and deactivate it, and set a guarantee period', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/billing/contracts');
    await page.getByTestId('contract').filter({ hasText: 'Mohadin maintenance SLA' }).waitFor();
    await page.getByRole('button', { name: 'Add contract' }).click();
    const form = page.getByRole('form', { name: 'New contract' });
    await form.getByLabel(/^Project/).selectOption({ label: 'Lawley' });
    await form.getByLabel(/^Contract number/).fill('VF-LAW-2027');
    await form.getByLabel(/^Name/).fill('Lawley 2027 SLA');
    await form.getByLabel('Response hours').fill('4');
    await form.getByLabel('Resolution hours').fill('24');
    await form.getByRole('button', { name: 'Save contract' }).click();
    const row = page.getByTestId('contract').filter({ hasText: 'Lawley 2027 SLA' });
    await row.waitFor();
    await screenshot(page, fx, 'contracts-desktop');
    await row.getByRole('button', { name: 'Deactivate VF-LAW-2027' }).click();
    await row.filter({ hasText: 'inactive' }).waitFor();

    await page.goto('/ticketing/billing/guarantees');
    await page.getByRole('button', { name: 'Edit Mamelodi' }).click();
    await page.getByLabel('Installation days').fill('120');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('guarantee-row').filter({ hasText: 'Mamelodi' }).filter({ hasText: '120 days' }).waitFor();
    await context.close();
  });

  it('shows the outbox to an admin with items by status', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.admin });
    await page.goto('/ticketing/admin/outbox');
    await page.getByTestId('outbox-item').filter({ hasText: 'notification.email' }).first().waitFor();
    await page.getByRole('tab', { name: /^Sent/ }).click();
    // The WhatsApp E2E may already have delivered its reply (whatsapp.message); no notice is sent while the worker is off.
    await page.getByText('Nothing sent in the outbox.').or(page.getByTestId('outbox-item').first()).waitFor();
    expect(await page.getByTestId('outbox-item').filter({ hasText: 'notification.email' }).count()).toBe(0);
    await page.getByRole('tab', { name: /^Dead/ }).click();
    const dead = page.getByTestId('outbox-item').filter({ hasText: 'qcontact.status' });
    await dead.getByText('Last error: HTTP 503 from QContact').waitFor();
    await screenshot(page, fx, 'outbox-desktop');
    await dead.getByRole('button', { name: 'Retry now' }).click();
    await page.getByRole('status').filter({ hasText: 'qcontact.status queued for another try.' }).waitFor();
    await page.getByText('Nothing dead in the outbox.').waitFor();
    await page.getByRole('tab', { name: /^Pending/ }).click();
    await page.getByTestId('outbox-item').filter({ hasText: 'qcontact.status' }).waitFor();
    await context.close();
  });

  it('lets finance invoice resolved, approved billable work once', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.finance });
    await page.goto('/ticketing/billing/invoices');
    await page.getByLabel('Ticket UID').fill(invoiceUid);
    await page.getByRole('button', { name: 'Invoice ticket' }).click();
    await page.getByRole('status').filter({ hasText: new RegExp(`${invoiceUid}: invoice INV-\\d+ raised`) }).waitFor();
    await page.getByRole('button', { name: 'Invoice ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'already invoiced' }).waitFor();
    // A client's period, picked by the client's name: the line above is not sent twice.
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Velocity Fibre' });
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('From').fill('2026-01-01');
    await page.getByLabel('To').fill(today > '2026-01-01' ? today : '2026-12-31');
    await page.getByRole('button', { name: 'Invoice period' }).click();
    await page.getByRole('status').filter({ hasText: /No new invoice: 0 line\(s\) queued/ }).waitFor();
    await screenshot(page, fx, 'invoices-desktop');
    await context.close();
  });
});
