// The WhatsApp and SMS clients and the edges of the bridge against the real emulators: every send endpoint, lid and
// media refusals, limits and sniffing on received media, the SMS gateway's answers, and what happens unconfigured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/src/lib/config';
import { ValidationError } from '@/src/lib/api/errors';
import { findWaMessage } from '@/src/modules/ticketing/db/whatsappRepo';
import { PermanentOutboxError, type OutboxItem } from '@/src/modules/ticketing/jobs/outboxTypes';
import { fallBackToSms, smsHandler } from '@/src/modules/ticketing/integrations/notify/smsOutbox';
import { httpSmsProvider, SmsError } from '@/src/modules/ticketing/integrations/notify/smsClient';
import { WahaError, wahaDownloadMedia, wahaLookupLid, wahaSendFile, wahaSendSeen, wahaSendText } from '@/src/modules/ticketing/integrations/notify/wahaClient';
import { fetchMediaToStorage } from '@/src/modules/ticketing/integrations/whatsapp/mediaFetch';
import { sendWhatsappMessage } from '@/src/modules/ticketing/integrations/whatsapp/outboxHandler';
import { SYSTEM_ACTOR } from '@/src/modules/ticketing/services/context';
import { replyOnWhatsapp, retryWhatsappMessage, startWhatsappConversation } from '@/src/modules/ticketing/services/whatsapp/conversationService';
import { receiveWhatsappWebhook } from '@/src/modules/ticketing/services/whatsapp/webhookService';
import { insertNotification } from '@/src/modules/ticketing/db/notificationRepo';
import { whatsappWorld, type WhatsappWorld } from './whatsappFixture';

let w: WhatsappWorld;
beforeAll(async () => {
  w = await whatsappWorld();
});
afterAll(async () => w.close());

const item = (kind: string, payload: unknown, attempts = 1): OutboxItem => ({ id: '00000000-0000-4000-8000-000000000001', kind, payload, idempotencyKey: `k-${Math.random()}`, ticketId: null, attempts, maxAttempts: 3 });
const bare = () => parseConfig({ NODE_ENV: 'test' });

describe('the WAHA client', () => {
  it('sends images with sendImage and other files with sendFile, with caption and reply-to, and marks messages seen', async () => {
    const c = w.server.config;
    const img = await wahaSendFile(c, { chatId: '27825552001@c.us', file: { mimetype: 'image/png', url: 'https://example.test/a.png' }, caption: 'photo', replyTo: 'false_x_Q' });
    const doc = await wahaSendFile(c, { chatId: '27825552001@c.us', file: { mimetype: 'application/pdf', filename: 'a.pdf', data: 'JVBERi0=' } });
    expect(img.id).toMatch(/^true_27825552001@c.us_/);
    expect(doc.ack).toBe(0);
    expect(w.waha.sends.slice(-2).map((s) => [s.path, s.text, s.replyTo])).toEqual([['/api/sendImage', 'photo', 'false_x_Q'], ['/api/sendFile', null, null]]);
    await wahaSendSeen(c, { chatId: '27825552001@c.us', messageIds: ['false_x_Q'] });
    expect(w.waha.requests.at(-1)).toEqual({ path: '/api/sendSeen', status: 200 });
    await expect(wahaSendText(bare(), { chatId: 'x@c.us', text: 'x' })).rejects.toMatchObject({ status: 0, permanent: true });
    await expect(wahaSendText(c, { chatId: 'not-a-chat', text: 'x' })).rejects.toMatchObject({ status: 400, permanent: true });
  });

  it('looks up lids (unknown: null; refused: throws) and refuses media it does not have', async () => {
    const c = w.server.config;
    w.waha.lids.set('555@lid', '27825552002@c.us');
    expect(await wahaLookupLid(c, '555@lid')).toBe('27825552002@c.us');
    expect(await wahaLookupLid(c, '556@lid')).toBeNull();
    await expect(wahaLookupLid({ ...c, WAHA_API_KEY: 'wrong' }, '555@lid')).rejects.toBeInstanceOf(WahaError);
    await expect(wahaDownloadMedia(c, `${w.waha.url}/api/files/default/none.jpeg`)).rejects.toMatchObject({ status: 404 });
    const ok = await wahaDownloadMedia(c, w.waha.addMedia('image').url);
    expect(ok.contentType).toBe('image/png');
    await ok.body.cancel();
  });
});

describe('received media', () => {
  it('refuses a file over the limit, one whose bytes contradict its type, and retries when WAHA is unreachable', async () => {
    const small = { ...w.server.config, ATTACHMENT_MAX_BYTES: 10 };
    expect(await fetchMediaToStorage(small, { ...w.waha.addMedia('document'), error: null }, 'K1')).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than 10 bytes/) });
    const liar = w.waha.addMedia('document');
    expect(await fetchMediaToStorage(w.server.config, { url: liar.url, mimetype: 'image/png', filename: null, error: null }, 'K2')).toMatchObject({ ok: false, reason: expect.stringMatching(/not really image\/png/) });
    expect(await fetchMediaToStorage(w.server.config, { url: liar.url, mimetype: null, filename: 'x', error: null }, 'K3')).toMatchObject({ ok: false, reason: expect.stringMatching(/type unknown/) });
    // No content-length (a data: URL stream): the limit is enforced while storing.
    const big = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]).toString('base64')}`;
    expect(await fetchMediaToStorage({ ...w.server.config, ATTACHMENT_MAX_BYTES: 50 }, { url: big, mimetype: 'image/png', filename: null, error: null }, 'K4')).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than 50/) });
    await expect(fetchMediaToStorage(w.server.config, { url: 'http://127.0.0.1:9/api/files/x.png', mimetype: 'image/png', filename: null, error: null }, 'K5')).rejects.toThrow();
  });
});

describe('the SMS gateway', () => {
  it('sends, refuses bad numbers for good, retries outages, and needs configuring', async () => {
    const sms = httpSmsProvider(w.server.config);
    expect((await sms.send({ to: '+27825552003', text: 'hi', idempotencyKey: 'sms-1' })).id).toMatch(/^sms_/);
    await expect(sms.send({ to: '0825552003', text: 'hi', idempotencyKey: 'sms-2' })).rejects.toMatchObject({ status: 400, permanent: true });
    w.sms.failNext(1);
    await expect(sms.send({ to: '+27825552003', text: 'hi', idempotencyKey: 'sms-3' })).rejects.toMatchObject({ status: 503, permanent: false });
    await expect(httpSmsProvider(bare()).send({ to: '+27825552003', text: 'hi', idempotencyKey: 'sms-4' })).rejects.toBeInstanceOf(SmsError);
    const handler = smsHandler();
    await expect(handler(item('notification.sms', { to: 'x', text: '' }), w.deps())).rejects.toBeInstanceOf(PermanentOutboxError);
    w.sms.failNext(1);
    await expect(handler(item('notification.sms', { to: '+27825552003', text: 'x' }), w.deps())).rejects.not.toBeInstanceOf(PermanentOutboxError);
    await expect(handler(item('notification.sms', { to: '+27825552003', text: 'x' }), { ...w.deps(), config: bare() })).rejects.toBeInstanceOf(PermanentOutboxError);
  });

  it('falls back only for a person with a phone, while the gateway is configured, and only once', async () => {
    const n = (await insertNotification(w.tdb.db, { channel: 'whatsapp', recipient: 'x', template: 't', ticketId: null, userId: null, trigger: 'test', dedupeKey: `fb-${Date.now()}`, slaEventId: null, createdAt: w.clock.now() })) as string;
    expect(await fallBackToSms(w.tdb.db, w.deps(), { notificationId: n, chatId: '1203@g.us', text: 'x' })).toBe(false);
    expect(await fallBackToSms(w.tdb.db, { ...w.deps(), config: bare() }, { notificationId: n, chatId: '27825552004@c.us', text: 'x' })).toBe(false);
    expect(await fallBackToSms(w.tdb.db, w.deps(), { notificationId: n, chatId: '27825552004@c.us', text: 'x' })).toBe(true);
    expect(await fallBackToSms(w.tdb.db, w.deps(), { notificationId: n, chatId: '27825552004@c.us', text: 'x' })).toBe(false);
  });
});

describe('the outbound handler and services unconfigured', () => {
  it('refuses a bad payload or a vanished message, and never sends a message twice', async () => {
    await expect(sendWhatsappMessage(item('whatsapp.message', {}), w.deps())).rejects.toBeInstanceOf(PermanentOutboxError);
    await expect(sendWhatsappMessage(item('whatsapp.message', { messageId: '00000000-0000-4000-8000-000000000000' }), w.deps())).rejects.toThrow(/no longer exists/);
    const dr = await w.drop();
    const started = await w.as(w.users.agent).post<{ message: { id: string } }>('whatsapp-conversations', { phone: '+27825552005', drNumber: dr, text: 'hello' });
    const id = started.body.data.message.id;
    w.waha.failNext(5, 503);
    await expect(sendWhatsappMessage(item('whatsapp.message', { messageId: id }, 3), w.deps())).rejects.toThrow(/503/);
    expect((await findWaMessage(w.tdb.db, id))?.state).toBe('failed');
    w.waha.failNext(0);
    await sendWhatsappMessage(item('whatsapp.message', { messageId: id }), w.deps());
    expect(await sendWhatsappMessage(item('whatsapp.message', { messageId: id }), w.deps())).toMatchObject({ alreadySent: true });
  });

  it('refuses to reply, start or retry while WhatsApp is not configured, and accepts unsigned webhooks when no key is set', async () => {
    const ctx = { db: w.tdb.db, clock: w.clock, log: w.deps().log, config: bare(), user: { ...SYSTEM_ACTOR, id: w.users.agent.id, role: 'agent' } };
    await expect(replyOnWhatsapp(ctx, 'x', { text: 'x' })).rejects.toThrow(/not configured/);
    await expect(startWhatsappConversation(ctx, { phone: '0825552006', drNumber: 'DR1234567', text: 'x' })).rejects.toThrow(/not configured/);
    await expect(retryWhatsappMessage(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/not configured/);
    const r = await receiveWhatsappWebhook(ctx, Buffer.from('{"event":"state.change","payload":{}}'), {});
    expect(r).toMatchObject({ event: 'state.change', handled: false, duplicate: false });
    await expect(receiveWhatsappWebhook(ctx, Buffer.from('{"payload":{}}'), {})).rejects.toBeInstanceOf(ValidationError);
  });
});
