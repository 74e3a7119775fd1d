// WhatsApp in the browser: a signed webhook opens a ticket, the agent reads the conversation on a phone and replies
// quoting the customer, the reply reaches the WAHA emulator; an unmatched message is linked from the WhatsApp screen.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { envelope, incomingMessage } from '@/emulators/wahaMessages';
import { loadFixture } from './support/fixture';
import { launchBrowser, openSession, screenshot } from './support/browser';

const fx = loadFixture();
const wa = fx.whatsapp as NonNullable<typeof fx.whatsapp>;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser(fx);
});
afterAll(async () => {
  await browser?.close();
});

async function pushWebhook(event: string, payload: unknown): Promise<void> {
  const raw = JSON.stringify(envelope(event, payload));
  const res = await fetch(`${fx.baseUrl}/api/ticketing/tickets-webhook-whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-hmac': createHmac('sha512', wa.hmacKey).update(raw).digest('hex'), 'x-webhook-hmac-algorithm': 'sha512' },
    body: raw,
  });
  expect(res.status).toBe(200);
}

async function cron(route: string): Promise<unknown> {
  const res = await fetch(`${fx.baseUrl}/api/ticketing/${route}`, { method: 'POST', headers: { 'x-cron-secret': fx.cronSecret as string } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown }).data;
}

describe('WhatsApp conversations', () => {
  const chat = '27825557001@c.us';
  const uid = `${wa.drNumber}-1`;

  it('turns a customer message into a ticket and sends the agent reply from a phone to WhatsApp', async () => {
    await pushWebhook('message', incomingMessage({ from: chat, notifyName: 'Zanele K', body: `Hello, ${wa.drNumber.toLowerCase()} has no signal since 6am` }));
    expect(await cron('cron-inbound')).toMatchObject({ processed: 1 });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent, phone: true });
    await page.goto(`/ticketing/tickets/${uid}`);
    const conversation = page.getByTestId('wa-conversation');
    await conversation.getByText('has no signal since 6am').waitFor();
    await conversation.getByRole('button', { name: 'Quote' }).click();
    await page.getByTestId('wa-quoting').waitFor();
    await page.getByLabel('WhatsApp reply').fill('Hi Zanele, a technician is on the way');
    await page.getByRole('button', { name: 'Send on WhatsApp' }).click();
    await conversation.getByTestId('wa-ticks').filter({ hasText: 'Sending' }).waitFor();
    expect(await cron('cron-outbox?kind=whatsapp.message')).toMatchObject({ sent: 1 });
    const sends = (await (await fetch(`${wa.emulatorUrl}/_emulator/sends`)).json()) as { chatId: string; text: string; replyTo: string | null }[];
    expect(sends).toEqual([expect.objectContaining({ chatId: chat, text: 'Hi Zanele, a technician is on the way', replyTo: expect.stringContaining(chat) })]);
    await page.reload();
    await page.getByTestId('wa-conversation').getByTestId('wa-ticks').filter({ hasText: 'Sent' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(392);
    await screenshot(page, fx, 'whatsapp-conversation-phone');
    await context.close();
  });

  it('files an unmatched message on the ticket from the WhatsApp screen', async () => {
    const other = '27825557002@c.us';
    await pushWebhook('message', incomingMessage({ from: other, notifyName: 'Neighbour', body: 'Is the whole street down?' }));
    expect(await cron('cron-inbound')).toMatchObject({ review: 1 });
    const { context, page } = await openSession(browser, fx, { user: fx.users.agent });
    await page.goto('/ticketing/channels/whatsapp');
    const item = page.getByTestId('wa-unmatched-item').filter({ hasText: 'Is the whole street down?' });
    await item.getByLabel('Ticket to link to').fill(uid);
    await screenshot(page, fx, 'whatsapp-unmatched-desktop');
    await item.getByRole('button', { name: 'Link' }).click();
    await page.getByRole('status').filter({ hasText: `Linked to ${uid}` }).waitFor();
    await page.goto(`/ticketing/tickets/${uid}`);
    await page.getByTestId('wa-conversation').getByText('Is the whole street down?').waitFor();
    await context.close();
  });
});
