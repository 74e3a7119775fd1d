// WhatsApp out, over real HTTP: replies and new conversations go through the outbox to the WAHA emulator (once, even
// when it is down for a while), acks and echoes move the delivery state forward only, status messages follow the
// admin's switches, and a notification WhatsApp refuses falls back to SMS once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsappWorld, type WhatsappWorld } from './whatsappFixture';

let w: WhatsappWorld;
beforeAll(async () => {
  w = await whatsappWorld();
});
afterAll(async () => w.close());

interface Msg { id: string; body: string; direction: string; state: string; ack: number | null; error: string | null; wahaId: string | null; replyTo: string | null; ticketUid: string | null }
const agent = () => w.as(w.users.agent);
const conversation = async (uid: string) => (await agent().get<{ messages: Msg[]; chatId: string }>(`tickets-whatsapp?id=${uid}`)).body.data;

async function inboundTicket(chat: string): Promise<string> {
  const dr = await w.drop();
  await w.waha.push('message', w.waha.message({ from: chat, body: `${dr} no signal`, notifyName: 'Lerato' }));
  await w.processInbound();
  return `${dr}-1`;
}

describe('replies', () => {
  it('sends an agent reply quoting the customer to the same chat, records it as an external note and stops the first-response clock', async () => {
    const chat = '27825551001@c.us';
    const uid = await inboundTicket(chat);
    const [incoming] = (await conversation(uid)).messages;
    w.clock.advanceMinutes(5);
    const res = await agent().post<Msg>(`tickets-whatsapp?id=${uid}`, { text: 'A technician is on the way', replyTo: incoming.id });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ state: 'pending', direction: 'out', replyTo: incoming.wahaId });
    expect(w.waha.sends.length).toBe(0);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    const sent = w.waha.sends.at(-1);
    expect(sent).toMatchObject({ path: '/api/sendText', chatId: chat, text: 'A technician is on the way', replyTo: incoming.wahaId, session: 'default' });
    const out = (await conversation(uid)).messages[1];
    expect(out).toMatchObject({ state: 'sent', wahaId: sent?.id, ack: 0 });
    const t = (await w.rows<{ first_responded_at: Date | null }>('SELECT first_responded_at FROM tickets WHERE ticket_uid = $1', [uid]))[0];
    expect(t.first_responded_at).not.toBeNull();
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.note_type = 'external' AND n.body = 'A technician is on the way'", [uid])).toBe(1);

    // Acks out of order: READ, then a late DEVICE; the echo (message.any, fromMe, source api) updates, never adds.
    await w.waha.ack(sent?.id as string, 3);
    await w.waha.ack(sent?.id as string, 2, { to: chat });
    await w.waha.push('message.any', { id: sent?.id, from: '27600000000@c.us', to: chat, fromMe: true, body: sent?.text, source: 'api', ack: 1 });
    await w.processInbound();
    const after = await conversation(uid);
    expect(after.messages.length).toBe(2);
    expect(after.messages[1].ack).toBe(3);
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1', [uid])).toBe(2);
  });

  it('queues while WAHA is down and delivers exactly once when it is back', async () => {
    const chat = '27825551002@c.us';
    const uid = await inboundTicket(chat);
    await w.waha.stop();
    await agent().post(`tickets-whatsapp?id=${uid}`, { text: 'Are you home today?' });
    expect(await w.runOutbox()).toMatchObject({ failed: 1 });
    const waiting = (await conversation(uid)).messages[1];
    expect(waiting.state).toBe('pending');
    expect(waiting.error).toMatch(/fetch failed|ECONNREFUSED/);
    await w.waha.start();
    w.clock.advanceMinutes(10);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    w.clock.advanceMinutes(60);
    expect(await w.runOutbox()).toMatchObject({ processed: 0 });
    expect(w.waha.sends.filter((s) => s.text === 'Are you home today?').length).toBe(1);
    expect((await conversation(uid)).messages[1].state).toBe('sent');
  });

  it('matches the echo of a send whose answer was lost, so a retry does not send it twice', async () => {
    const chat = '27825551003@c.us';
    const uid = await inboundTicket(chat);
    await agent().post(`tickets-whatsapp?id=${uid}`, { text: 'Checking the line now' });
    // WAHA sent it but we never saw the answer: only the echo tells us.
    await w.waha.push('message.any', { id: `true_${chat}_LOSTANSWER`, from: '27600000000@c.us', to: chat, fromMe: true, body: 'Checking the line now', source: 'api', ack: 1 });
    await w.processInbound();
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(w.waha.sends.filter((s) => s.text === 'Checking the line now').length).toBe(0);
    expect((await conversation(uid)).messages[1]).toMatchObject({ state: 'sent', wahaId: `true_${chat}_LOSTANSWER` });
  });

  it('shows a refused send as failed with the reason, and sends it again on retry', async () => {
    const chat = '27825551004@c.us';
    const uid = await inboundTicket(chat);
    w.waha.failNext(1, 400);
    const r = await agent().post<Msg>(`tickets-whatsapp?id=${uid}`, { text: 'Please restart the router' });
    expect(await w.runOutbox()).toMatchObject({ dead: 1 });
    const failed = (await conversation(uid)).messages[1];
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringMatching(/WAHA answered 400/) });
    expect((await agent().post('whatsapp-retry', { messageId: r.body.data.id })).status).toBe(202);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect((await conversation(uid)).messages[1].state).toBe('sent');
    expect((await agent().post('whatsapp-retry', { messageId: r.body.data.id })).status).toBe(409);
    // WhatsApp reports an error after accepting it: failed, then a retry makes a new send.
    const sentId = (await conversation(uid)).messages[1].wahaId as string;
    await w.waha.ack(sentId, -1);
    await w.processInbound();
    expect((await conversation(uid)).messages[1].state).toBe('failed');
    expect((await agent().post('whatsapp-retry', { messageId: r.body.data.id })).status).toBe(202);
    expect(await w.runOutbox()).toMatchObject({ sent: 1 });
    expect(w.waha.sends.filter((s) => s.text === 'Please restart the router').length).toBe(2);
    expect((await agent().post('whatsapp-retry', { messageId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });

  it('refuses a reply on a ticket without a conversation, a foreign quote, and bad input', async () => {
    const dr = await w.drop();
    const t = await agent().post<{ ticketUid: string }>('tickets', { source: 'internal', title: 'No chat', drNumber: dr });
    expect((await agent().post(`tickets-whatsapp?id=${t.body.data.ticketUid}`, { text: 'hi' })).status).toBe(422);
    const uid = await inboundTicket('27825551005@c.us');
    expect((await agent().post(`tickets-whatsapp?id=${uid}`, { text: 'hi', replyTo: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    expect((await agent().post(`tickets-whatsapp?id=${uid}`, { text: '' })).status).toBe(400);
    expect((await agent().get('tickets-whatsapp?id=FF-999999')).status).toBe(404);
    expect((await w.as(w.users.finance).post(`tickets-whatsapp?id=${uid}`, { text: 'hi' })).status).toBe(403);
  });
});

describe('starting a conversation', () => {
  it('opens a whatsapp_outbound ticket on the drop and sends the first message', async () => {
    const dr = await w.drop();
    const res = await agent().post<{ ticketUid: string; message: Msg }>('whatsapp-conversations', { phone: '082 555 1006', drNumber: dr.toLowerCase(), text: 'We will replace your ONT on Friday' });
    expect(res.status).toBe(201);
    expect(res.body.data.ticketUid).toBe(`${dr}-1`);
    const t = (await agent().get<{ source: string; reporterPhone: string; title: string }>(`tickets-detail?id=${dr}-1`)).body.data;
    expect(t).toMatchObject({ source: 'whatsapp_outbound', reporterPhone: '+27825551006', title: `WhatsApp conversation about ${dr}` });
    await w.runOutbox();
    expect(w.waha.sends.at(-1)).toMatchObject({ chatId: '27825551006@c.us', text: 'We will replace your ONT on Friday' });
    // The customer's answer (no DR) joins that ticket.
    await w.waha.push('message', w.waha.message({ from: '27825551006@c.us', body: 'Friday is fine' }));
    await w.processInbound();
    expect((await conversation(`${dr}-1`)).messages.map((m) => m.body)).toEqual(['We will replace your ONT on Friday', 'Friday is fine']);
    expect((await agent().post('whatsapp-conversations', { phone: '12', drNumber: dr, text: 'x' })).status).toBe(400);
    expect((await agent().post('whatsapp-conversations', { phone: '+1234567890123456', drNumber: dr, text: 'x' })).status).toBe(422);
  });
});

describe('status messages and the SMS fallback', () => {
  it('sends the enabled status templates to the chat and falls back to SMS once when the number is not on WhatsApp', async () => {
    const admin = w.as(w.users.admin);
    const templates = await admin.get<{ status: string; enabled: boolean }[]>('whatsapp-templates');
    expect(templates.body.data.find((t) => t.status === 'in_progress')?.enabled).toBe(true);
    expect((await admin.put('whatsapp-templates', { templates: { in_progress: false, assigned: true } })).status).toBe(200);
    expect((await admin.put('whatsapp-templates', { templates: { bogus: true } })).status).toBe(400);
    expect((await agent().get('whatsapp-templates')).status).toBe(403);

    const chat = '27000005551@c.us'; // the emulator answers 422: not on WhatsApp
    const uid = await inboundTicket(chat);
    const ticket = (await agent().get<{ id: string; version: number }>(`tickets-detail?id=${uid}`)).body.data;
    expect((await agent().post('tickets-assign', { id: uid, assignedTo: w.users.technician.id, version: ticket.version })).status).toBe(200);
    expect((await agent().post('tickets-status', { id: uid, status: 'in_progress' })).status).toBe(200);
    const outs = (await conversation(uid)).messages.filter((m) => m.direction === 'out');
    expect(outs.map((m) => m.body)).toEqual([expect.stringMatching(/a technician has been assigned/)]);
    await w.runOutbox();
    await w.runOutbox();
    w.clock.advanceMinutes(30);
    await w.runOutbox();
    expect(w.sms.messages.filter((m) => m.to === '+27000005551').length).toBe(1);
    expect(w.sms.messages.at(-1)).toMatchObject({ from: 'FibreFlow', text: expect.stringMatching(/a technician has been assigned/) });
    const log = await w.rows<{ channel: string; status: string; trigger: string }>('SELECT channel, status, trigger FROM notification_log WHERE ticket_id = $1 ORDER BY created_at, channel DESC', [ticket.id]);
    expect(log).toEqual([
      { channel: 'whatsapp', status: 'failed', trigger: 'status_change' },
      { channel: 'sms', status: 'sent', trigger: 'status_change:sms-fallback' },
    ]);
    expect((await conversation(uid)).messages.find((m) => m.direction === 'out')?.state).toBe('failed');
  });

  it('reports the channel on the integration page, with the unmatched count', async () => {
    const res = await w.as(w.users.admin).get<{ key: string; configured: boolean; details: Record<string, unknown> }[]>('integrations-status');
    const wa = res.body.data.find((c) => c.key === 'whatsapp');
    expect(wa).toMatchObject({ configured: true, details: { session: 'default', webhookSigned: true, unmatched: expect.any(Number) } });
    expect(res.body.data.find((c) => c.key === 'sms')?.configured).toBe(true);
  });
});
