// Billing in the browser: a billable ticket waits for approval; an agent cannot approve, a manager can; fee edits move the estimate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;
let billableUid = '';

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the create form on the billable drop and returns the estimate shown (in cents). */
async function estimateFor(page: Page): Promise<number> {
  await page.goto('/ticketing/tickets/new');
  await page.getByLabel('Source').selectOption('internal');
  await page.getByLabel('DR number').fill(fx.drops.billable);
  const estimate = page.getByTestId('billing-estimate');
  await estimate.waitFor();
  const text = (await estimate.textContent()) ?? '';
  const m = /Estimate R\s?([\d\s ]+),(\d{2})/.exec(text);
  if (!m) throw new Error(`no estimate in "${text}"`);
  return Number(m[1].replace(/\D/g, '')) * 100 + Number(m[2]);
}

describe('billing approval and fees', () => {
  it('shows a billable estimate before saving and creates the ticket waiting for approval', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    const before = await estimateFor(page);
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('billing-preview').filter({ hasText: 'Billable' }).filter({ hasText: 'A manager must approve' }).waitFor();
    await page.getByLabel('Title').fill('ONT replacement requested by the customer');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/ticketing\/tickets\/FF-\d{6}$/);
    billableUid = (await page.getByTestId('ticket-uid').textContent()) ?? '';
    await page.getByTestId('ticket-status').filter({ hasText: 'Pending approval' }).waitFor();
    await page.getByTestId('billing-panel').filter({ hasText: 'Waiting for a manager' }).waitFor();
    expect(await page.getByRole('button', { name: `Approve ${billableUid}` }).count()).toBe(0);
    await context.close();
  });

  it('refuses the approval to an agent, in the screens and at the API', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/billing/approvals');
    await page.getByRole('alert').filter({ hasText: 'No access' }).waitFor();
    const res = await apiAs(fx, fx.users.agent).post(`billing-approve?uid=${billableUid}`, {});
    expect(res.status).toBe(403);
    await context.close();
  });

  it('lets a manager approve it from the queue, which makes it a new ticket', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/billing/approvals');
    const item = page.getByTestId('approval-item').filter({ hasText: billableUid });
    await item.waitFor();
    expect(Number(await page.getByTestId('queue-count').textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(page, fx, 'approvals-desktop');
    await item.getByRole('button', { name: `Approve ${billableUid}` }).click();
    await page.getByRole('status').filter({ hasText: `${billableUid} approved` }).waitFor();
    await page.goto(`/ticketing/tickets/${billableUid}`);
    await page.getByTestId('ticket-status').filter({ hasText: 'New' }).waitFor();
    await page.getByTestId('billing-decision').filter({ hasText: 'Approved' }).waitFor();
    await context.close();
  });

  it('lets a manager reject billable work with a reason, which cancels it', async () => {
    const made = await apiAs(fx, fx.users.agent).post<{ ticketUid: string; status: string }>('tickets', {
      source: 'internal', title: 'Move the ONT to the lounge', drNumber: fx.drops.spare, ticketType: 'fault', priority: 'medium',
    });
    expect(made.body.data.status).toBe('pending_approval');
    const uid = made.body.data.ticketUid;
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto(`/ticketing/tickets/${uid}`);
    await page.getByRole('button', { name: `Reject ${uid}` }).click();
    await page.getByLabel('Why is it rejected?').fill('Customer-side move: quote separately');
    await page.getByRole('button', { name: 'Confirm rejection' }).click();
    await page.getByTestId('ticket-status').filter({ hasText: 'Cancelled' }).waitFor();
    await page.getByTestId('timeline-item').filter({ hasText: 'Billable work rejected' }).waitFor();
    await context.close();
  });

  it('changes the estimate when a manager edits the fee row', async () => {
    const agent = await openSession(browser, fx, { user: fx.users.agent });
    const before = await estimateFor(agent.page);

    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/billing/fees');
    await page.getByRole('button', { name: 'Edit fault callout medium' }).click();
    const form = page.getByRole('form', { name: 'Edit fee row fault callout' });
    await form.getByLabel('Base fee (R)').fill('300.00');
    await form.getByLabel('Why the change').fill('2027 rates');
    await form.getByRole('button', { name: 'Save fee row' }).click();
    await page.getByTestId('fee-row').filter({ hasText: 'R 300,00' }).waitFor();
    await screenshot(page, fx, 'fee-schedule-desktop');
    await context.close();

    const after = await estimateFor(agent.page);
    // Base fee up by R50; after hours the multiplier (1.5) applies to it too.
    expect([before + 5000, before + 7500]).toContain(after);
    await agent.context.close();
  });
});
