// The network register in the browser: import a drop register with a preview and a progress bar, find the drops;
// and a mass incident: an agent links children from the ticket screen, sees them, unlinks one, and a resolution
// reaches the children.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession, screenshot } from './support/browser';
import { seriousViolations } from './support/axe';

const fx = loadFixture();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

const CSV = ['DR Number,Project,Install Date,Pole,PON,Zone', 'DR9100001,Lawley,2026/03/07,LAW.P.E1,PON-9,Z9', 'DR9100002,Lawley,7 March 2026,LAW.P.E1,PON-9,Z9', 'DR91,Lawley,,,,'].join('\n');

describe('network register', () => {
  it('previews a register file with row errors, confirms it with a progress bar, and lists the new drops', async () => {
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto('/ticketing/network/import');
    await page.getByLabel('Client').selectOption({ label: fx.clientName });
    await page.locator('input[type=file]').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByTestId('count-insert').filter({ hasText: '2' }).waitFor();
    await page.getByTestId('count-error').filter({ hasText: '1' }).waitFor();
    await page.getByRole('table', { name: 'Rows' }).filter({ hasText: 'DR91' }).waitFor();
    await screenshot(page, fx, 'network-import-preview');
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await page.getByText('Imported: 2 new, 0 updated, 0 unchanged, 1 rows skipped with errors.').waitFor();
    expect(await page.getByLabel('Import progress').getAttribute('value')).toBe('100');
    await page.goto('/ticketing/network/drops');
    await page.getByLabel('Search drops').fill('DR91000');
    await page.getByRole('table', { name: 'Drops' }).filter({ hasText: 'DR9100002' }).waitFor();
    await screenshot(page, fx, 'network-drops');
    await context.close();
  });

  it('lets an agent link children from the parent’s screen (pasted and picked nearby), see them, and unlink one', async () => {
    const agent = apiAs(fx, fx.users.agent);
    const make = async (body: Record<string, unknown>) => (await agent.post<{ id: string; ticketUid: string }>('tickets', body)).body.data;
    const parent = await make({ source: 'internal', title: 'Splitter down (E2E screen)', ticketType: 'fault', drNumber: fx.drops.guarantee });
    const pasted = await make({ source: 'whatsapp', title: 'No light (E2E pasted)', drNumber: fx.drops.sla });
    // On the parent's pole in the same project (the seed's neighbouring Lawley drop): offered under "Open tickets nearby".
    const nearby = fx.drops.neighbour;
    const picked = await make({ source: 'whatsapp', title: 'No light (E2E picked)', drNumber: nearby });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto(`/ticketing/tickets/${parent.ticketUid}`);
    const panel = page.getByTestId('incident-panel');
    await panel.getByRole('button', { name: 'Make this the parent of…' }).click();
    await panel.getByLabel('Ticket UIDs to add').fill(` ${pasted.ticketUid.toLowerCase()}, `);
    await panel.getByRole('checkbox', { name: new RegExp(picked.ticketUid) }).check();
    await panel.getByRole('button', { name: 'Link 2 tickets' }).click();
    await panel.getByRole('status').filter({ hasText: `Added 2 tickets: ${pasted.ticketUid}, ${picked.ticketUid}.` }).waitFor();
    const children = panel.getByRole('list', { name: 'Tickets in this incident' });
    await children.getByRole('link', { name: pasted.ticketUid }).waitFor();
    await children.getByRole('link', { name: picked.ticketUid }).waitFor();
    expect(await panel.getAttribute('data-role')).toBe('parent');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, fx, 'network-incident-parent');
    expect((await agent.get<{ slaPaused: boolean }>(`tickets-detail?id=${pasted.id}`)).body.data.slaPaused).toBe(true);

    await children.getByRole('button', { name: `Unlink ${pasted.ticketUid} from this incident` }).click();
    await panel.getByRole('status').filter({ hasText: `${pasted.ticketUid} was unlinked from the incident.` }).waitFor();
    await expect.poll(() => children.getByTestId('incident-child').count()).toBe(1);
    // Focus moves to the message on the next frame (the button pressed is gone): wait for it, do not race it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect((await agent.get<{ slaPaused: boolean }>(`tickets-detail?id=${pasted.id}`)).body.data.slaPaused).toBe(false);

    // The child shows its incident; the unlinked ticket can join again from its own screen.
    await children.getByRole('link', { name: picked.ticketUid }).click();
    await page.getByTestId('incident-panel').getByText('Part of incident').waitFor();
    await page.getByTestId('incident-panel').getByRole('link', { name: parent.ticketUid }).waitFor();
    await page.goto(`/ticketing/tickets/${pasted.ticketUid}`);
    await panel.getByRole('button', { name: 'Add to incident…' }).click();
    await panel.getByLabel('Incident (parent ticket) UID').fill(parent.ticketUid);
    await panel.getByRole('button', { name: 'Add to incident', exact: true }).click();
    await panel.getByRole('link', { name: parent.ticketUid }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('resolves a mass incident’s children with the parent, visible on the child ticket', async () => {
    const manager = apiAs(fx, fx.users.manager);
    const parent = (await manager.post<{ id: string; ticketUid: string }>('tickets', { source: 'internal', title: 'Feeder cut (E2E)', ticketType: 'fault', priority: 'critical', drNumber: fx.drops.guarantee })).body.data;
    const child = (await manager.post<{ id: string; ticketUid: string }>('tickets', { source: 'whatsapp', title: 'No light (E2E)', drNumber: fx.drops.spare, reporterPhone: '0825550999' })).body.data;
    expect((await manager.post('tickets-incident', { parentId: parent.id, childIds: [child.id] })).status).toBe(200);
    const { version } = (await manager.get<{ version: number }>(`tickets-detail?id=${parent.id}`)).body.data;
    expect((await manager.post('tickets-assign', { id: parent.id, assignedTo: fx.users.manager.id, version })).status).toBe(200);
    await manager.post('tickets-status', { id: parent.id, status: 'in_progress' });
    expect((await manager.post('tickets-status', { id: parent.id, status: 'resolved', resolutionNotes: 'Spliced' })).status).toBe(200);
    const { context, page } = await openSession(browser, fx, { user: fx.users.manager });
    await page.goto(`/ticketing/tickets/${child.ticketUid}`);
    await page.getByTestId('ticket-status').filter({ hasText: 'Resolved' }).waitFor();
    await page.getByText(`Mass incident ${parent.ticketUid} is now resolved.`).first().waitFor();
    await screenshot(page, fx, 'network-incident-child');
    await context.close();
  });
});
