// The screens as a daily user meets them (issue 14): each of the ten problems found walking every role, as a browser
// test that failed before its fix; then the invoices, the read-only calendar, the technician's phone, sorting, the
// favicon and the API reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, PHONE, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;

interface T {
  id: string;
  ticketUid: string;
  version: number;
}

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

async function newTicket(body: Record<string, unknown>): Promise<T> {
  const res = await apiAs(fx, fx.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'Daily use', drNumber: fx.drops.guarantee, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body.error)}`);
  return res.body.data;
}

/** Waits until the screen has loaded what it asks the API for (a busy machine may take a while). */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const todayLocal = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Johannesburg' }).format(new Date());

describe('the ten problems', () => {
  it('1. the SLA badge names its clock and shows the outcome, not a running clock, on a finished ticket', async () => {
    const t = await newTicket({ title: 'SLA badge', assignedTo: fx.users.technician.id, priority: 'high' });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    await page.getByTestId('ticket-sla').filter({ hasText: /Response (due in|overdue by)/ }).waitFor();
    await page.getByLabel('Note', { exact: true }).fill('We are on our way.');
    await page.getByLabel('External (customer may see it)').check();
    await page.getByRole('button', { name: 'Add external note' }).click();
    await page.getByTestId('ticket-sla').filter({ hasText: /Resolution(: .* left| overdue by)/ }).waitFor();
    const tech = apiAs(fx, fx.users.technician);
    expect((await tech.post('tickets-status', { id: t.ticketUid, status: 'in_progress' })).status).toBe(200);
    expect((await tech.post('tickets-status', { id: t.ticketUid, status: 'resolved', faultCause: 'workmanship' })).status).toBe(200);
    await page.reload();
    const badge = page.getByTestId('ticket-sla');
    await badge.filter({ hasText: /Resolution (met|breached by)/ }).waitFor();
    expect(await badge.textContent()).not.toMatch(/left|Overdue/);
    await context.close();
  });

  it('2. a DR not in the drop register: the form says the rule, the ticket is flagged and stays out of the approval queue', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets/new');
    await page.getByLabel('Source').selectOption('whatsapp');
    await page.getByLabel('Title').fill('Unknown drop from the field');
    await page.getByLabel('DR number').fill('DR9912345');
    await page.getByTestId('dr-unknown').filter({ hasText: 'flagged “unknown drop” for review' }).waitFor();
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.waitForURL(/\/ticketing\/tickets\/DR9912345-\d+$/);
    await page.getByTestId('ticket-billing').filter({ hasText: 'Unknown drop: billing waits' }).waitFor();
    expect(await page.getByTestId('ticket-status').textContent()).toContain('New');
    const queue = await apiAs(fx, fx.users.manager).get<{ ticketUid: string }[]>('billing-pending-approval');
    expect(queue.body.data.some((q) => q.ticketUid.startsWith('DR9912345'))).toBe(false);
    await context.close();
  });

  it('3. a long link and a 20,000-character note neither widen the phone page nor run on forever', async () => {
    const t = await newTicket({ title: 'Long text', description: `See https://example.com/${'a'.repeat(160)}` });
    const agent = apiAs(fx, fx.users.agent);
    await agent.post(`tickets-notes?id=${t.ticketUid}`, { body: `Link: https://example.com/${'b'.repeat(160)}`, noteType: 'internal' });
    await agent.post(`tickets-notes?id=${t.ticketUid}`, { body: 'word '.repeat(4000).trim(), noteType: 'internal' });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent, phone: true });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    await page.getByTestId('timeline-item').filter({ hasText: 'bbbb' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const more = page.getByRole('button', { name: /Show more/ }).last();
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
    await more.click();
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(6000);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('4. an external note is marked before sending and the choice goes back to internal after posting', async () => {
    const t = await newTicket({ title: 'Note visibility' });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    await page.getByLabel('External (customer may see it)').check();
    await page.getByTestId('external-warning').waitFor();
    await page.getByLabel('Note', { exact: true }).fill('Technician arrives at 10:00.');
    await page.getByRole('button', { name: 'Add external note' }).click();
    await page.getByTestId('timeline-item').filter({ hasText: 'Technician arrives at 10:00.' }).filter({ hasText: 'External note' }).waitFor();
    expect(await page.getByLabel('Internal (staff only)').isChecked()).toBe(true);
    expect(await page.getByTestId('external-warning').count()).toBe(0);
    await context.close();
  });

  it('5. "created from / to" on the same local day shows that day’s tickets', async () => {
    const t = await newTicket({ title: 'Created today' });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    const day = todayLocal();
    await page.goto(`/ticketing/tickets?createdFrom=${day}&createdTo=${day}`);
    await page.getByRole('link', { name: t.ticketUid }).first().waitFor();
    await context.close();
  });

  it('6. changing the DR: the address follows the drop, the UID stays and says so, history shows DR numbers, never ids', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets/new');
    await page.getByLabel('Source').selectOption('internal');
    await page.getByLabel('DR number').fill(fx.drops.guarantee);
    await expect.poll(() => page.getByLabel('Address').inputValue()).toContain('Protea Street');
    await page.getByLabel('DR number').fill(fx.drops.sla);
    await expect.poll(() => page.getByLabel('Address').inputValue()).toContain('Mohadin Road');

    const t = await newTicket({ title: 'Moving drop' });
    await page.goto(`/ticketing/tickets/${t.ticketUid}/edit`);
    await page.getByLabel('DR number').fill(fx.drops.sla);
    await page.getByTestId('uid-stays').filter({ hasText: t.ticketUid }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/ticketing/tickets/${t.ticketUid}$`));
    await page.getByTestId('timeline-item').filter({ hasText: `Moved from ${fx.drops.guarantee} to ${fx.drops.sla}` }).waitFor();
    const timeline = (await page.getByRole('list', { name: 'Ticket timeline' }).textContent()) ?? '';
    expect(timeline).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(timeline).toContain('Mohadin');
    await context.close();
  });

  it('7. tables fit: the list at 1440 px shows every column, fees and guarantees fit a phone, and phones can sort', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/tickets');
    await page.getByTestId('ticket-row').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(1440);
    const fits = await page.evaluate(() => {
      const table = document.querySelector('table');
      const box = table?.parentElement;
      return table && box ? table.scrollWidth <= box.clientWidth + 1 : false;
    });
    expect(fits).toBe(true);
    await context.close();
    const phone = await openSession(browser, fx, { user: fx.users.manager, phone: true });
    for (const path of ['/ticketing/billing/fees', '/ticketing/billing/guarantees']) {
      await phone.page.goto(path);
      await settle(phone.page);
      expect(await pageWidth(phone.page), path).toBeLessThanOrEqual(PHONE.width);
    }
    // The guarantees table itself fits: nothing hides behind a sideways scroll.
    const region = phone.page.getByRole('region', { name: 'Guarantee periods per project' });
    await phone.page.getByTestId('guarantee-row').first().waitFor();
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await phone.page.goto('/ticketing/tickets');
    await phone.page.getByTestId('ticket-card').first().waitFor();
    await phone.page.getByLabel('Sort').selectOption({ label: 'Most urgent SLA first' });
    await phone.page.waitForURL(/sort=due_at/);
    expect(phone.page.url()).toContain('order=asc');
    await phone.context.close();
  });

  it('8. status offers only moves that can succeed: no "Assigned" on an unassigned ticket, "Assign…" instead', async () => {
    const t = await newTicket({ title: 'Nobody yet' });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    await page.getByLabel('Move to').locator('option', { hasText: 'Triaged' }).waitFor({ state: 'attached' });
    const options = await page.getByLabel('Move to').locator('option').allTextContents();
    expect(options).not.toContain('Assigned');
    expect(options.some((o) => o.startsWith('Assign…'))).toBe(true);
    await page.locator('select[name="assignedTo"] option', { hasText: '(technician)' }).first().waitFor({ state: 'attached' });
    await page.getByLabel('Move to').selectOption({ label: 'Assign… (choose who below)' });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name)).toBe('assignedTo');
    await context.close();
  });

  it('9. errors are written for people, checked before uploading, and focus goes to the first one', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets/new');
    await page.getByLabel('Source').selectOption('construction');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByText('Title is required').waitFor();
    // Focus moves in an effect after the errors render: wait for it rather than race it.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('title');
    await page.getByLabel('Title').fill('Now there is a title');
    expect(await page.getByText('Title is required').count()).toBe(0);

    const t = await newTicket({ title: 'Errors for people' });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    await page.getByLabel('Note', { exact: true }).fill('x'.repeat(20_001));
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText(/Too long: at most 20\s000 characters/).waitFor();

    let uploads = 0;
    page.on('request', (r) => {
      if (r.url().includes('tickets-attachments') && r.method() === 'POST') uploads += 1;
    });
    await page.locator('input[type="file"]').setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024) });
    await page.getByText(/Too large \(11 MB\): the limit is 10 MB/).waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await page.getByText(/This kind of file is not accepted: upload photos/).waitFor();
    expect(uploads).toBe(0);

    await page.goto(`/ticketing/tickets?dr=${fx.drops.guarantee.slice(2)}`);
    await page.getByRole('link', { name: t.ticketUid }).first().waitFor();
    expect(await page.getByText('Invalid request query').count()).toBe(0);
    await context.close();
  });

  it('10. money and dates: one rand format and day-month-year dates, server text included', async () => {
    const res = await apiAs(fx, fx.users.agent).post<T>('tickets', { source: 'internal', title: 'Money and dates', drNumber: fx.drops.billable });
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto(`/ticketing/tickets/${res.body.data.ticketUid}`);
    const header = page.getByTestId('ticket-billing');
    await header.filter({ hasText: 'Billable' }).waitFor();
    await page.getByRole('region', { name: 'Billing' }).filter({ hasText: 'Estimate' }).waitFor();
    const text = `${await header.textContent()} ${await page.getByRole('region', { name: 'Billing' }).textContent()}`;
    expect(text).toMatch(/R\s\d{1,3}(\s\d{3})*,\d{2}/);
    expect(text).not.toMatch(/R\d+\.\d{2}/);
    expect(text).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(text).toMatch(/\d{2} [A-Z][a-z]{2} 20\d\d/);
    await context.close();
  });
});

describe('finance, managers and technicians', () => {
  it('finance raises an invoice and sees it listed with amount, client, lines and state, and downloads its PDF', async () => {
    const t = await apiAs(fx, fx.users.agent).post<T>('tickets', { source: 'internal', title: 'Invoice me', drNumber: fx.drops.billable, assignedTo: fx.users.technician.id });
    const uid = t.body.data.ticketUid;
    expect((await apiAs(fx, fx.users.manager).post(`billing-approve?uid=${uid}`, {})).status).toBe(200);
    await apiAs(fx, fx.users.agent).post('tickets-status', { id: uid, status: 'assigned' });
    await apiAs(fx, fx.users.technician).post('tickets-status', { id: uid, status: 'in_progress' });
    expect((await apiAs(fx, fx.users.technician).post('tickets-status', { id: uid, status: 'resolved', faultCause: 'client_damage' })).status).toBe(200);

    const { context, page } = await openSession(browser, fx, { user: fx.users.finance });
    await page.goto('/ticketing/billing/invoices');
    await page.getByLabel('Ticket UID').fill(uid);
    await page.getByRole('button', { name: 'Invoice ticket' }).click();
    await page.getByText(/invoice INV-\d{6} raised/).waitFor();
    const invoice = page.getByTestId('invoice').first();
    await invoice.filter({ hasText: fx.clientName }).filter({ hasText: '1 line' }).filter({ hasText: 'Queued' }).waitFor();
    expect(await invoice.getByTestId('invoice-total').textContent()).toMatch(/R\s[\d\s]+,\d{2}/);
    await invoice.getByRole('button', { name: 'Show lines' }).click();
    await invoice.getByTestId('invoice-line').filter({ hasText: uid }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), invoice.getByRole('link', { name: /PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^INV-\d{6}\.pdf$/);
    await screenshot(page, fx, 'daily-invoices-desktop');
    await context.close();
  });

  it('the manager is told why the business calendar is read only', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/admin/calendar');
    await page.getByTestId('calendar-read-only').filter({ hasText: 'Only an administrator can change' }).waitFor();
    await context.close();
  });

  it('a technician’s phone shows what is wrong, where and who to call (tap to call, map) in the first screen', async () => {
    const t = await newTicket({ title: 'Phone first', description: 'ONT shows LOS, red light.', reporterName: 'Sipho Mokoena', reporterPhone: '082 555 0199', assignedTo: fx.users.technician.id });
    const { context, page } = await openSession(browser, fx, { user: fx.users.technician, phone: true });
    await page.goto(`/ticketing/tickets/${t.ticketUid}`);
    const call = page.getByTestId('call-link');
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:0825550199');
    expect(await page.getByTestId('map-link').getAttribute('href')).toContain('google.com/maps');
    for (const el of [call, page.getByTestId('map-link'), page.getByTestId('job-card').getByText('ONT shows LOS, red light.')]) {
      const box = await el.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    }
    await screenshot(page, fx, 'daily-technician-phone');
    await context.close();
  });

  it('the SLA column sorts most urgent first on the first click, status in workflow order', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/tickets');
    await page.getByTestId('ticket-row').first().waitFor();
    await page.getByRole('button', { name: /sort by SLA/ }).click();
    await page.waitForURL(/sort=due_at/);
    expect(page.url()).toContain('order=asc');
    await page.getByRole('button', { name: /sort by Status/ }).click();
    await page.waitForURL(/sort=status/);
    await page.getByTestId('ticket-row').first().waitFor();
    const statuses = await page.locator('[data-testid="ticket-row"] [data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
    const order = ['pending_approval', 'new', 'triaged', 'assigned', 'in_progress', 'blocked', 'resolved', 'closed', 'cancelled'];
    expect(statuses).toEqual([...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    await context.close();
  });

  it('has a favicon and the API reference page renders the generated OpenAPI document', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.admin });
    const icon = await context.request.get('/favicon.svg');
    expect(icon.status()).toBe(200);
    await page.goto('/ticketing/api-docs');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    await page.locator('#main').getByText('FibreFlow Ticketing API').first().waitFor({ timeout: 60_000 });
    const cdn: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(fx.baseUrl)) cdn.push(r.url());
    });
    await page.reload();
    await settle(page);
    expect(cdn).toEqual([]);
    await context.close();
  });
});

describe('screenshots to look at', () => {
  it('ticket list, detail, form, approvals and invoices at 1440x900 and 390x844', { timeout: 300_000 }, async () => {
    const t = await newTicket({ title: 'Screenshot ticket', description: 'Customer reports no internet since Tuesday.', reporterName: 'Lerato M', reporterPhone: '083 555 0123' });
    for (const phone of [false, true]) {
      const size = phone ? 'phone' : 'desktop';
      const { context, page } = await openSession(browser, fx, { user: fx.users.manager, phone });
      for (const [name, path] of [['list', '/ticketing/tickets'], ['detail', `/ticketing/tickets/${t.ticketUid}`], ['form', '/ticketing/tickets/new'], ['approvals', '/ticketing/billing/approvals']]) {
        await page.goto(path);
        await settle(page);
        await screenshot(page, fx, `daily-${name}-${size}`);
      }
      await context.close();
      const fin = await openSession(browser, fx, { user: fx.users.finance, phone });
      await fin.page.goto('/ticketing/billing/invoices');
      await settle(fin.page);
      await screenshot(fin.page, fx, `daily-invoices-${size}`);
      expect(await pageWidth(fin.page)).toBeLessThanOrEqual(phone ? PHONE.width : 1440);
      await fin.context.close();
    }
  });
});
