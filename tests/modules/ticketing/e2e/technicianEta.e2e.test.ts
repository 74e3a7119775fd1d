// The technician's arrival on the ticket screen: a technician on a phone sets it (South African time) near the top,
// sees it in the standard date format and on the timeline, and clears it; the panel passes axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { seriousViolations } from './support/axe';
import { apiAs, launchBrowser, openSession, PHONE, screenshot } from './support/browser';

const fx = loadFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

/** Tomorrow's date in Johannesburg, "2026-11-29". */
const tomorrowLocal = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Johannesburg' }).format(new Date(Date.now() + 86_400_000));

describe('the technician’s arrival', () => {
  it('is set from a phone in South African time, shown in the standard format and on the timeline, and cleared', async () => {
    const created = await apiAs(fx, fx.users.agent).post<{ id: string; ticketUid: string }>('tickets', {
      source: 'whatsapp', title: 'Arrival time', drNumber: fx.drops.guarantee, reporterPhone: '082 555 0177', assignedTo: fx.users.technician.id,
    });
    expect(created.status).toBe(201);
    const uid = created.body.data.ticketUid;
    const { context, page } = await openSession(browser, fx, { user: fx.users.technician, phone: true });
    await page.goto(`/ticketing/tickets/${uid}`);
    const input = page.getByLabel('Arrival (South African time)');
    await input.waitFor();
    const box = await input.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height * 2); // within the second screen, right under Status

    const day = tomorrowLocal();
    await input.fill(`${day}T14:30`);
    await page.getByRole('button', { name: 'Set arrival' }).click();
    await page.getByTestId('eta-now').getByText(/14:30/).waitFor();
    const stored = await apiAs(fx, fx.users.technician).get<{ etaAt: string | null }>(`tickets-detail?id=${uid}`);
    expect(stored.body.data.etaAt).toBe(`${day}T12:30:00.000Z`);
    const shown = new Intl.DateTimeFormat('en-ZA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Johannesburg' }).format(new Date(`${day}T12:30:00Z`));
    expect(await page.getByTestId('eta-now').textContent()).toBe(`Expected: ${shown}`);
    await page.getByText(`Technician’s arrival set to ${shown}`).waitFor();
    expect(await input.inputValue()).toBe(`${day}T14:30`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, fx, 'technician-eta-phone');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByTestId('eta-now').getByText('not set').waitFor();
    expect((await apiAs(fx, fx.users.technician).get<{ etaAt: string | null }>(`tickets-detail?id=${uid}`)).body.data.etaAt).toBeNull();
    await context.close();
  });
});
