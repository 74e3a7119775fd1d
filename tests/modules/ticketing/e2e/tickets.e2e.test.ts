// Ticket work in the browser: create with DR lookup, assign, walk to resolved through blocked, notes, attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;
let uid = '';

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

async function moveTo(page: Page, label: string, extra?: (p: Page) => Promise<void>) {
  await page.getByLabel('Move to').selectOption({ label });
  await extra?.(page);
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByTestId('ticket-status').filter({ hasText: label }).waitFor();
}

describe('working a ticket', () => {
  it('creates a WhatsApp ticket from a DR number: the drop fills in and the billing shows before saving', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets/new');
    await page.getByLabel('Source').selectOption('whatsapp');
    await page.getByLabel('Title').fill('No signal since the storm');
    await page.getByLabel('DR number').fill(fx.drops.guarantee);
    await page.getByTestId('dr-lookup-status').filter({ hasText: 'Lawley' }).waitFor();
    expect(await page.getByLabel('Address').inputValue()).toContain('Protea Street');
    await page.getByTestId('billing-preview').filter({ hasText: 'Guarantee' }).waitFor();
    await screenshot(page, fx, 'ticket-new-desktop');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/ticketing\/tickets\/DR1734315-\d+$/);
    uid = (await page.getByTestId('ticket-uid').textContent()) ?? '';
    expect(uid).toMatch(/^DR1734315-\d+$/);
    await page.getByTestId('dr-panel').filter({ hasText: 'Velocity Fibre' }).waitFor();
    expect(await page.getByTestId('ticket-billing').textContent()).toContain('Guarantee');
    await context.close();
  });

  it('shows the API validation message on the field', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets/new');
    await page.getByLabel('Source').selectOption('construction');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    const title = page.getByLabel('Title');
    await page.getByText('Title is required').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const described = (await title.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${described.split(' ').pop()}"]`).textContent()).toContain('Title is required');
    await context.close();
  });

  it('assigns the ticket, walks it through blocked (the SLA pauses) to resolved, with a note and an attachment', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${uid}`);
    await page.getByLabel('Assign to').selectOption({ label: `${fx.users.technician.name} (technician)` });
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByTestId('ticket-status').filter({ hasText: 'Assigned' }).waitFor();
    await page.getByTestId('timeline-item').filter({ hasText: `Assigned to ${fx.users.technician.name}` }).waitFor();

    await moveTo(page, 'In progress');
    await moveTo(page, 'Blocked', (p) => p.getByLabel('Why is it blocked?').selectOption({ label: 'Waiting for parts' }).then(() => undefined));
    await page.getByTestId('ticket-sla').filter({ hasText: 'SLA paused' }).waitFor();
    await page.getByTestId('timeline-item').filter({ hasText: 'SLA clock paused' }).filter({ hasText: 'Waiting for parts' }).waitFor();
    await screenshot(page, fx, 'ticket-blocked-desktop');
    await moveTo(page, 'In progress');
    await page.getByTestId('timeline-item').filter({ hasText: 'SLA clock resumed' }).waitFor();
    expect(await page.getByTestId('ticket-sla').textContent()).not.toContain('SLA paused');

    await page.getByLabel('Note', { exact: true }).fill('Splice replaced at the pole.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('timeline-item').filter({ hasText: 'Splice replaced at the pole.' }).waitFor();

    // Drag and drop a photo onto the drop zone.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      dt.items.add(new File([png], 'pole-photo.png', { type: 'image/png' }));
      return dt;
    });
    await page.dispatchEvent('[data-testid="dropzone"]', 'drop', { dataTransfer });
    await page.getByTestId('attachment').filter({ hasText: 'pole-photo.png' }).waitFor();
    expect(await page.getByRole('img', { name: 'Preview of pole-photo.png' }).count()).toBe(1);
    // The upload changed the ticket (new version): act once the screen shows it.
    await page.getByTestId('timeline-item').filter({ hasText: 'Attached pole-photo.png' }).waitFor();

    await moveTo(page, 'Resolved', async (p) => {
      await p.getByLabel('Fault cause').selectOption('material_failure');
      await p.getByLabel('What exactly caused it').fill('Splice tray cracked');
      await p.getByLabel('Resolution notes').fill('Replaced the damaged splice.');
      await p.getByLabel('Hours on site').fill('1,5');
      await p.getByLabel('Parts (R)').fill('150,50');
    });
    await page.getByTestId('ticket-sla').filter({ hasText: /Resolution met|Resolution breached|No SLA/ }).waitFor();
    const options = await page.getByLabel('Move to').locator('option').allTextContents();
    expect(options.slice(1).sort()).toEqual(['Closed', 'In progress']);
    const resolved = (await apiAs(fx, fx.users.agent).get<{ faultCause: string; faultCauseDetail: string }>(`tickets-detail?id=${uid}`)).body.data;
    expect(resolved).toMatchObject({ faultCause: 'material_failure', faultCauseDetail: 'Splice tray cracked' });
    await screenshot(page, fx, 'ticket-detail-desktop');
    await context.close();
  });

  it('lets a technician on a phone see the list as cards and open the detail', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.technician, phone: true });
    await page.goto('/ticketing/tickets');
    const card = page.getByTestId('ticket-card').filter({ hasText: uid });
    await card.waitFor();
    expect(await page.getByTestId('ticket-row').first().isVisible().catch(() => false)).toBe(false);
    await screenshot(page, fx, 'ticket-list-phone');
    await card.getByRole('link', { name: uid }).click();
    await page.getByTestId('ticket-uid').filter({ hasText: uid }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, fx, 'ticket-detail-phone');
    await context.close();
  });

  it('filters the list through the URL and sorts by a column', async () => {
    const api = apiAs(fx, fx.users.agent);
    const made = await api.post<{ ticketUid: string }>('tickets', { source: 'internal', title: 'Critical outage at the cabinet', priority: 'critical', ticketType: 'fault' });
    expect(made.status).toBe(201);
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets?priority=critical');
    await page.getByTestId('ticket-row').filter({ hasText: made.body.data.ticketUid }).waitFor();
    expect(await page.getByTestId('ticket-row').filter({ hasText: uid }).count()).toBe(0);
    await page.getByLabel('Priority').selectOption('');
    await page.waitForURL((u) => !u.search.includes('priority='));
    await page.getByTestId('ticket-row').filter({ hasText: uid }).waitFor();
    await page.getByRole('button', { name: /sort by Ticket/ }).click();
    await page.waitForURL(/sort=ticket_uid/);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Ticket');
    await screenshot(page, fx, 'ticket-list-desktop');
    await context.close();
  });

  it('edits a ticket: the form starts from the ticket, and the change lands in the timeline', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${uid}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    const title = page.getByLabel('Title');
    expect(await title.inputValue()).toBe('No signal since the storm');
    expect(await page.getByLabel('Source').isDisabled()).toBe(true);
    await title.fill('No signal since the storm on Tuesday');
    await page.getByLabel('Category').fill('No signal');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/ticketing/tickets/${uid}$`));
    await page.getByRole('heading', { name: 'No signal since the storm on Tuesday' }).waitFor();
    await page.getByTestId('timeline-item').filter({ hasText: 'Changed category from empty to “No signal”' }).waitFor();
    await context.close();
  });
});
