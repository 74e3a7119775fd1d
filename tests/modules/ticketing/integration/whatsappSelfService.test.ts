// WhatsApp self-service over real HTTP: the WAHA emulator posts signed "status" messages to tickets-webhook-whatsapp;
// the worker answers through the outbox to the emulator, only ever with the chat's own tickets, exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInboundByExternalId } from '@/src/modules/ticketing/db/inboundRepo';
import { processWhatsappEvent } from '@/src/modules/ticketing/integrations/whatsapp/inboundProcessor';
import { whatsappWorld, type WhatsappWorld } from './whatsappFixture';

let w: WhatsappWorld;
beforeAll(async () => {
  w = await whatsappWorld();
});
afterAll(async () => w.close());

interface Msg { body: string; direction: string; state: string; sentByName: string | null }
interface Version { id: string; version: number; status: string }
const HOW_TO = /To report a fault, send your DR number/;
let chatSeq = 0;
const newChat = () => `2782556${String((chatSeq += 1)).padStart(4, '0')}@c.us`;
const agent = () => w.as(w.users.agent);
const sendsTo = (chat: string): string[] => w.waha.sends.filter((s) => s.chatId === chat).map((s) => s.text ?? '');
const ticketCount = () => w.count('SELECT count(*)::int AS n FROM tickets');
const inboundRow = (body: string) => w.rows<{ state: string; ticket_id: string | null }>("SELECT state, ticket_id FROM whatsapp_messages WHERE direction = 'in' AND body = $1", [body]);

/** A customer message through the webhook, the inbound worker and the outbox; what WAHA was asked to send to the chat. */
async function ask(chat: string, body: string): Promise<string[]> {
  const before = sendsTo(chat).length;
  expect(await w.waha.push('message', w.waha.message({ from: chat, body }))).toEqual([200]);
  await w.processInbound();
  await w.runOutbox();
  return sendsTo(chat).slice(before);
}

/** A fault reported on WhatsApp from `chat`: a ticket DR...-1 with the chat's number as reporter. */
async function reportFault(chat: string): Promise<{ dr: string; uid: string }> {
  const dr = await w.drop();
  await w.waha.push('message', w.waha.message({ from: chat, body: `${dr} no signal since this morning`, notifyName: 'Naledi' }));
  await w.processInbound();
  await w.runOutbox();
  return { dr, uid: `${dr}-1` };
}

describe('a status request from the reporter', () => {
  it('is answered once with the UID and the status in plain words, recorded in the ticket conversation, and opens nothing', async () => {
    const chat = newChat();
    const { dr, uid } = await reportFault(chat);
    const tickets = await ticketCount();
    expect(await ask(chat, 'status')).toEqual([`Ticket ${uid}: received, waiting to be looked at.`]);
    expect(await ticketCount()).toBe(tickets);
    const conversation = (await agent().get<{ messages: Msg[] }>(`tickets-whatsapp?id=${uid}`)).body.data.messages;
    expect(conversation.slice(-2).map((m) => [m.direction, m.state, m.body, m.sentByName])).toEqual([
      ['in', 'received', 'status', null], ['out', 'sent', `Ticket ${uid}: received, waiting to be looked at.`, 'Self-service'],
    ]);
    expect(await w.count("SELECT count(*)::int AS n FROM whatsapp_messages WHERE state = 'unmatched' AND chat_id = $1", [chat])).toBe(0);

    // Assigned: the words follow the status; "STATUS DR..." in capitals is the same question on that drop.
    const t = (await agent().get<Version>(`tickets-detail?id=${uid}`)).body.data;
    expect((await agent().post('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, version: t.version })).status).toBe(200);
    await w.runOutbox();
    expect(await ask(chat, `STATUS ${dr}`)).toEqual([`Ticket ${uid}: a technician has been assigned.`]);
    expect(await ticketCount()).toBe(tickets);
  });

  it('includes the technician\'s arrival time once the technician sets it (South African time), and not after it is cleared', async () => {
    const chat = newChat();
    const { uid } = await reportFault(chat);
    const t = (await agent().get<Version>(`tickets-detail?id=${uid}`)).body.data;
    expect((await agent().post('tickets-assign', { id: t.id, assignedTo: w.users.technician.id, version: t.version })).status).toBe(200);
    const tech = w.as(w.users.technician);
    const assigned = (await tech.get<Version>(`tickets-detail?id=${uid}`)).body.data;
    const set = await tech.patch<Version>(`tickets-eta?id=${uid}`, { etaAt: '2026-11-27T14:30:00+02:00', version: assigned.version });
    expect(set.status).toBe(200);
    await w.runOutbox();
    expect(await ask(chat, 'status')).toEqual([`Ticket ${uid}: a technician has been assigned. Technician expected: 27/11 14:30.`]);
    expect(await ask(chat, 'stand')).toEqual([expect.stringMatching(/ Verwagte aankoms van die tegnikus: 27\/11 14:30\.$/)]);
    expect((await tech.patch(`tickets-eta?id=${uid}`, { etaAt: null, version: set.body.data.version })).status).toBe(200);
    expect(await ask(chat, 'status')).toEqual([`Ticket ${uid}: a technician has been assigned.`]);
  });

  it('answers in Afrikaans when asked in Afrikaans', async () => {
    const chat = newChat();
    const { dr, uid } = await reportFault(chat);
    expect(await ask(chat, `Wat is die stand van ${dr.toLowerCase()}?`)).toEqual([`Kaartjie ${uid}: ontvang, wag om nagegaan te word.`]);
    expect(await ask(chat, 'stand asb')).toEqual([`Kaartjie ${uid}: ontvang, wag om nagegaan te word.`]);
  });

  it('finds a ticket whose reporter number was typed in the local form, and lists several open tickets without joining one', async () => {
    const chat = '27825569001@c.us';
    const dr = await w.drop();
    const res = await agent().post<{ ticketUid: string }>('tickets', { source: 'internal', drNumber: dr, title: 'Caller says no signal', reporterPhone: '082 556 9001' });
    expect(res.status).toBe(201);
    const first = `Ticket ${res.body.data.ticketUid} (${dr}): received, waiting to be looked at.`;
    expect(await ask(chat, 'status')).toEqual([first]);
    w.clock.advanceMinutes(1);
    const second = await reportFault(chat);
    const [answer] = await ask(chat, 'status please');
    expect(answer.split('\n')).toEqual([`Ticket ${second.uid}: received, waiting to be looked at.`, first]);
    expect(await inboundRow('status please')).toEqual([{ state: 'received', ticket_id: null }]);
  });
});

describe('a status request from anyone else', () => {
  it('gets no ticket data for a drop someone else reported, and the question opens no ticket on that drop', async () => {
    const { dr, uid } = await reportFault(newChat());
    const stranger = newChat();
    const tickets = await ticketCount();
    const [answer] = await ask(stranger, `status ${dr}`);
    expect(answer).toBe(`We could not find an open ticket from this number for ${dr}. To report a fault, send your DR number (e.g. DR1234567) and describe the problem.`);
    expect(answer).not.toContain(uid);
    expect(await ask(stranger, `stand van ${dr}`)).toEqual([expect.stringMatching(new RegExp(`^Ons kon geen oop kaartjie van hierdie nommer vir ${dr} vind nie`))]);
    expect(await ticketCount()).toBe(tickets);
    expect(await inboundRow(`status ${dr}`)).toEqual([{ state: 'received', ticket_id: null }]);
  });

  it('tells a chat with no ticket how to report a fault, without the unmatched queue', async () => {
    const chat = newChat();
    const tickets = await ticketCount();
    expect(await ask(chat, 'Status?')).toEqual([expect.stringMatching(HOW_TO)]);
    expect(await ticketCount()).toBe(tickets);
    expect(await inboundRow('Status?')).toEqual([{ state: 'received', ticket_id: null }]);
    const [event] = await w.rows<{ status: string }>("SELECT status FROM inbound_events WHERE payload->'payload'->>'body' = 'Status?'");
    expect(event.status).toBe('processed');
  });

  it('never answers in a group (ticket data goes only to the reporter), records the message and opens no ticket', async () => {
    const participant = newChat();
    const { dr } = await reportFault(participant);
    const group = '120363041111111111@g.us';
    const tickets = await ticketCount();
    await w.waha.push('message', w.waha.message({ from: group, participant, body: `status ${dr}` }));
    await w.processInbound();
    await w.runOutbox();
    expect(sendsTo(group)).toEqual([]);
    expect(await ticketCount()).toBe(tickets);
    expect(await inboundRow(`status ${dr}`)).toEqual([{ state: 'received', ticket_id: null }]);
  });
});

describe('a chat known only by its @lid', () => {
  it('is answered from the number WAHA resolves it to, and gets only the how-to while the number is unknown', async () => {
    const phoneChat = newChat();
    const { uid } = await reportFault(phoneChat);
    const [known, unknown] = ['55667788990011@lid', '55667788990012@lid'];
    w.waha.lids.set(known, phoneChat);
    expect(await ask(known, 'status')).toEqual([`Ticket ${uid}: received, waiting to be looked at.`]);
    const [answer] = await ask(unknown, 'status');
    expect(answer).toMatch(HOW_TO);
    expect(answer).not.toContain(uid);
  });
});

describe('exactly one answer', () => {
  it('for a redelivered webhook, its message.any twin, and the same event processed twice at once', async () => {
    const chat = newChat();
    const { uid } = await reportFault(chat);
    const msg = w.waha.message({ from: chat, body: 'status' });
    expect(await w.waha.push('message', msg, { times: 3 })).toEqual([200, 200, 200]);
    expect(await w.waha.push('message.any', msg)).toEqual([200]);
    await w.processInbound();
    const event = await findInboundByExternalId(w.tdb.db, 'whatsapp', `message:${msg.id as string}`);
    expect(event?.status).toBe('processed');
    const again = await Promise.all([processWhatsappEvent(event!, w.deps()), processWhatsappEvent(event!, w.deps())]);
    expect(again.map((o) => o.status)).toEqual(['processed', 'processed']);
    await w.runOutbox();
    w.clock.advanceMinutes(60);
    await w.runOutbox();
    expect(sendsTo(chat).filter((t) => t.includes(uid) && t.includes('received'))).toHaveLength(1);
    expect(await w.count("SELECT count(*)::int AS n FROM whatsapp_messages WHERE chat_id = $1 AND direction = 'out' AND sent_by_name = 'Self-service'", [chat])).toBe(1);
    expect(await w.count("SELECT count(*)::int AS n FROM whatsapp_messages WHERE chat_id = $1 AND direction = 'in' AND body = 'status'", [chat])).toBe(1);
  });
});

describe('anything else', () => {
  it('is handled as before: a status word inside a fault report still opens a ticket', async () => {
    const chat = newChat();
    const dr = await w.drop();
    expect(await ask(chat, `${dr} status light is red`)).toEqual([]);
    expect(await w.count('SELECT count(*)::int AS n FROM tickets WHERE ticket_uid = $1', [`${dr}-1`])).toBe(1);
  });

  it('a photo captioned "status" is not a question: it joins the chat\'s ticket as usual, unanswered', async () => {
    const chat = newChat();
    const { uid } = await reportFault(chat);
    await w.waha.push('message', w.waha.message({ from: chat, body: 'status', media: w.waha.addMedia('image') }));
    await w.processInbound();
    await w.runOutbox();
    expect(sendsTo(chat)).toEqual([]);
    const conversation = (await agent().get<{ messages: Msg[] }>(`tickets-whatsapp?id=${uid}`)).body.data.messages;
    expect(conversation.map((m) => [m.direction, m.body])).toEqual([['in', `${uid.slice(0, 9)} no signal since this morning`], ['in', 'status']]);
  });
});
