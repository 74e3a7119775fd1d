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
import { acceptInbound } from '@/src/modules/ticketing/services/inboundService';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { existsSync } from 'node:fs';
import path from 'node:path';
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

describe('the unmatched queue with media, retries and odd events', () => {
  interface Msg { id: string; body: string; state: string; ticketUid: string | null; media: { storageKey?: string; attachmentId?: string; error?: string } | null }
  const unmatched = async (body: string) => ((await w.as(w.users.agent).get<Msg[]>('whatsapp-unmatched')).body.data.find((m) => m.body === body) as Msg);

  it('keeps the photo of a waiting message until it is linked (then it is an attachment) or dismissed (then it is deleted)', async () => {
    await w.waha.push('message', w.waha.message({ from: '27825553001@c.us', body: 'photo of the box', media: w.waha.addMedia('image') }));
    await w.waha.push('message', w.waha.message({ from: '27825553002@c.us', body: 'another photo', media: w.waha.addMedia('photo') }));
    await w.waha.push('message', w.waha.message({ from: '27825553003@c.us', body: 'lost photo', media: { url: null, mimetype: 'image/jpeg' } }));
    await w.processInbound();
    const linked = await unmatched('photo of the box');
    const key = linked.media?.storageKey as string;
    expect(existsSync(path.join(w.server.config.storageDir, key))).toBe(true);
    const dr = await w.drop();
    const opened = await w.as(w.users.agent).post<Msg>('whatsapp-unmatched', { action: 'open', messageId: linked.id, drNumber: dr });
    expect(opened.body.data.media?.attachmentId).toBeTruthy();
    const atts = (await w.as(w.users.agent).get<{ mimeType: string }[]>(`tickets-attachments?id=${dr}-1`)).body.data;
    expect(atts.map((a) => a.mimeType)).toEqual(['image/png']);
    const dismissed = await unmatched('another photo');
    const gone = dismissed.media?.storageKey as string;
    await w.as(w.users.agent).post('whatsapp-unmatched', { action: 'dismiss', messageId: dismissed.id });
    expect(existsSync(path.join(w.server.config.storageDir, gone))).toBe(false);
    const lost = await unmatched('lost photo');
    await w.as(w.users.agent).post('whatsapp-unmatched', { action: 'link', messageId: lost.id, ticket: `${dr}-1` });
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.body LIKE '%could not fetch%'", [`${dr}-1`])).toBe(1);
  });

  it('keeps a message retried from the review queue in review while it is unmatched', async () => {
    await w.waha.push('message', w.waha.message({ from: '27825553004@c.us', body: 'retry me' }));
    await w.processInbound();
    const [e] = await w.rows<{ id: string }>("SELECT id FROM inbound_events WHERE status = 'review' AND payload->'payload'->>'body' = 'retry me'");
    expect((await w.as(w.users.admin).post('inbound-events', { id: e.id, action: 'retry' })).status).toBe(200);
    await w.processInbound();
    expect((await w.rows<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [e.id]))[0].status).toBe('review');
  });

  it('retries an echo of a send it has no record of for a while, reads the event name from the envelope, and sends no status message without a template', async () => {
    await w.waha.push('message.any', { id: 'true_27825553005@c.us_ECHO', from: '27600000000@c.us', to: '27825553005@c.us', fromMe: true, body: 'unknown send', source: 'api' });
    await w.processInbound();
    const [echo] = await w.rows<{ id: string; status: string }>("SELECT id, status FROM inbound_events WHERE external_id = 'message:true_27825553005@c.us_ECHO'");
    expect(echo.status).toBe('failed');
    w.clock.advanceMinutes(5);
    await w.processInbound();
    expect((await w.rows<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [echo.id]))[0].status).toBe('ignored');
    const dr = await w.drop();
    await acceptInbound({ db: w.tdb.db, clock: w.clock, log: w.deps().log }, { source: 'whatsapp', externalId: 'no-event-type', payload: { event: 'message', payload: w.waha.message({ from: '27825553006@c.us', body: `${dr} los` }) } });
    await w.processInbound();
    expect(await w.count('SELECT count(*)::int AS n FROM tickets WHERE ticket_uid = $1', [`${dr}-1`])).toBe(1);
    const before = await w.count('SELECT count(*)::int AS n FROM whatsapp_messages');
    expect((await w.as(w.users.agent).post('tickets-status', { id: `${dr}-1`, status: 'triaged' })).status).toBe(200);
    expect(await w.count('SELECT count(*)::int AS n FROM whatsapp_messages')).toBe(before);
  });

  it('ignores an event kind it does not act on even when one is queued for processing', async () => {
    const e = await acceptInbound({ db: w.tdb.db, clock: w.clock, log: w.deps().log }, { source: 'whatsapp', externalId: 'presence-x', eventType: 'presence.update', payload: { event: 'presence.update', payload: {} } });
    await w.processInbound();
    expect((await w.rows<{ status: string; error: string }>('SELECT status, error FROM inbound_events WHERE id = $1', [e.id]))[0]).toEqual({ status: 'ignored', error: 'WhatsApp event presence.update is stored, not acted on' });
  });

  it("keeps a customer's own message to a mass-incident parent on the parent: not copied to the children or sent to their customers", async () => {
    const chat = '27825553010@c.us';
    const dr = await w.drop();
    await w.waha.push('message', w.waha.message({ from: chat, body: `${dr} the whole street is down` }));
    await w.processInbound();
    const parent = `${dr}-1`;
    const children: string[] = [];
    for (const phone of ['27825553011', '27825553012']) {
      const res = await w.as(w.users.agent).post<{ id: string }>('tickets', { source: 'internal', title: 'No light', drNumber: await w.drop(), reporterPhone: `+${phone}` });
      children.push(res.body.data.id);
    }
    expect((await w.as(w.users.agent).post('tickets-incident', { parentId: parent, childIds: children })).status).toBe(200);
    const copies = () => w.count("SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = ANY($1) AND body LIKE '[Incident%'", [children]);
    const fanOuts = () => w.count("SELECT count(*)::int AS n FROM outbox WHERE idempotency_key LIKE 'incident:%:note:%'");
    await w.waha.push('message', w.waha.message({ from: chat, body: 'My neighbour says her router is dead too' }));
    await w.processInbound();
    expect(await w.count("SELECT count(*)::int AS n FROM whatsapp_messages WHERE body = 'My neighbour says her router is dead too' AND state = 'received'")).toBe(1);
    expect([await copies(), await fanOuts()]).toEqual([0, 0]);
    // What we tell the incident does reach the children (the rule the customer's message is kept out of).
    expect((await w.as(w.users.agent).post(`tickets-notes?id=${parent}`, { noteType: 'external', body: 'Crews are on site.' })).status).toBe(201);
    expect([await copies(), await fanOuts()]).toEqual([2, 2]);
  });

  it('delivers only the outbox kinds asked for', async () => {
    await enqueueOutbox(w.tdb.db, { kind: 'test.other', payload: {}, idempotencyKey: `other-${Date.now()}`, runAt: w.clock.now() });
    await w.runOutbox().then(() => processOutboxBatch(w.deps(), { kinds: ['whatsapp.message'] }));
    await w.tdb.db.query("UPDATE outbox SET status = 'pending' WHERE kind = 'test.other'");
    expect(await processOutboxBatch(w.deps(), { kinds: ['whatsapp.message'], handlers: {} })).toMatchObject({ processed: 0 });
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE kind = 'test.other' AND status = 'pending'")).toBe(1);
  });
});
