// WhatsApp in, over real HTTP: the WAHA emulator posts signed webhooks of every kind to tickets-webhook-whatsapp; the
// worker turns them into tickets, notes, attachments and the unmatched queue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { envelope } from '@/emulators/wahaMessages';
import type { Db, Queryable } from '@/src/lib/db';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { HMAC_KEY, whatsappWorld, type WhatsappWorld } from './whatsappFixture';

let w: WhatsappWorld;
beforeAll(async () => {
  w = await whatsappWorld();
});
afterAll(async () => w.close());
beforeEach(async () => {
  await w.tdb.db.query("UPDATE tickets SET status = 'closed' WHERE status <> 'closed'");
});

interface Ticket { id: string; ticketUid: string; source: string; drNumber: string; reporterName: string | null; reporterPhone: string | null; ticketType: string; category: string | null; status: string; billingType: string | null; sla: unknown }
interface Msg { id: string; body: string; direction: string; state: string; sender: string; senderName: string | null; media: { attachmentId?: string; error?: string; mimetype: string } | null; editedBody: string | null; revokedAt: string | null; ack: number | null; isGroup: boolean; ticketUid: string | null }

let chatSeq = 100;
const newChat = () => `2782555${String((chatSeq += 1)).padStart(4, '0')}@c.us`;
const agent = () => w.as(w.users.agent);
const conversation = async (uid: string) => (await agent().get<{ messages: Msg[] }>(`tickets-whatsapp?id=${uid}`)).body.data.messages;
const ticketsOfChat = (chat: string) => w.rows<{ ticket_uid: string; id: string }>('SELECT DISTINCT t.ticket_uid, t.id, t.created_at FROM tickets t JOIN whatsapp_messages m ON m.ticket_id = t.id WHERE m.chat_id = $1 ORDER BY t.created_at', [chat]);
const post = (raw: string, headers: Record<string, string>) => fetch(`${w.server.url}/tickets-webhook-whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });

describe('the webhook door', () => {
  it('refuses unsigned and badly signed bodies with 401 and stores nothing', async () => {
    const before = await w.count('SELECT count(*)::int AS n FROM inbound_events');
    const msg = w.waha.message({ from: newChat(), body: 'dr 1234567 no signal' });
    expect(await w.waha.push('message', msg, { hmacKey: false })).toEqual([401]);
    expect(await w.waha.push('message', msg, { hmacKey: 'not-the-key' })).toEqual([401]);
    expect((await post('{"event":"message"}', { 'x-webhook-hmac': 'zz' })).status).toBe(401);
    expect(await w.count('SELECT count(*)::int AS n FROM inbound_events')).toBe(before);
  });

  it('answers malformed JSON and bodies that are not events with 400, storing nothing', async () => {
    const before = await w.count('SELECT count(*)::int AS n FROM inbound_events');
    const raw = '{"event": "message", ';
    const res = await post(raw, { 'x-webhook-hmac': createHmac('sha512', HMAC_KEY).update(raw).digest('hex') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    expect(await w.waha.push('x', null, { rawBody: '[1,2]' })).toEqual([400]);
    expect(await w.count('SELECT count(*)::int AS n FROM inbound_events')).toBe(before);
  });

  it('stores unknown events as ignored with 200 so WAHA does not retry them', async () => {
    expect(await w.waha.push('presence.update', { id: 'x@c.us', presences: [] })).toEqual([200]);
    expect(await w.waha.push('session.status', { status: 'WORKING' }, { times: 2 })).toEqual([200, 200]);
    const rows = await w.rows<{ event_type: string; status: string }>("SELECT event_type, status FROM inbound_events WHERE event_type IN ('presence.update', 'session.status')");
    expect(rows).toEqual(expect.arrayContaining([{ event_type: 'presence.update', status: 'ignored' }, { event_type: 'session.status', status: 'ignored' }]));
  });

  it('matches the contract example signature', async () => {
    const { signWahaBody } = await import('@/src/modules/ticketing/services/whatsapp/webhookService');
    const digest = signWahaBody('my-secret-key', '{"event":"message","session":"default","engine":"WEBJS"}');
    expect(digest.startsWith('208f8a55')).toBe(true);
    expect(digest.endsWith('53fa89')).toBe(true);
  });
});

describe('messages that name a drop', () => {
  it('opens a DR ticket with the reporter, billing and SLA, then joins it; a redelivery and the message.any twin are one message', async () => {
    const dr = await w.drop();
    const chat = newChat();
    const first = w.waha.message({ from: chat, body: `Good morning, ${dr.replace('DR', 'dr ')} has a red light since last night`, notifyName: 'Thandi M' });
    expect(await w.waha.push('message', first, { times: 3 })).toEqual([200, 200, 200]);
    expect(await w.waha.push('message.any', first)).toEqual([200]);
    await w.processInbound();
    const [t] = await ticketsOfChat(chat);
    expect(t.ticket_uid).toBe(`${dr}-1`);
    const ticket = (await agent().get<Ticket>(`tickets-detail?id=${t.ticket_uid}`)).body.data;
    expect(ticket).toMatchObject({ source: 'whatsapp', drNumber: dr, reporterName: 'Thandi M', reporterPhone: `+${chat.split('@')[0]}`, ticketType: 'fault', category: 'Red light on ONT', billingType: 'guarantee' });
    expect(ticket.sla).toBeTruthy();
    expect(await w.count('SELECT count(*)::int AS n FROM inbound_events WHERE external_id = $1', [`message:${first.id as string}`])).toBe(1);
    const second = w.waha.message({ from: chat, body: `It is still red on ${dr}` });
    await w.waha.pushTwins(second);
    await w.processInbound();
    expect((await ticketsOfChat(chat)).length).toBe(1);
    const msgs = await conversation(t.ticket_uid);
    expect(msgs.map((m) => [m.direction, m.state, m.body])).toEqual([['in', 'received', first.body], ['in', 'received', second.body]]);
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1 AND note_type = 'external' AND channel = 'whatsapp'", [t.id])).toBe(2);
  });

  it('reads DR in any case, with or without a space, and opens a second ticket for another drop', async () => {
    const [a, b] = [await w.drop(), await w.drop()];
    const chat = newChat();
    await w.waha.push('message', w.waha.message({ from: chat, body: `${a.toLowerCase()} no internet` }));
    await w.waha.push('message', w.waha.message({ from: chat, body: `and also Dr ${b.slice(2)} geen internet` }));
    await w.processInbound();
    expect((await ticketsOfChat(chat)).map((t) => t.ticket_uid).sort()).toEqual([`${a}-1`, `${b}-1`].sort());
  });

  it('opens a ticket for a DR that is not in the register, flagged unknown drop for review', async () => {
    const chat = newChat();
    await w.waha.push('message', w.waha.message({ from: chat, body: 'DR9999123 fibre cut in the street' }));
    await w.processInbound();
    const [t] = await ticketsOfChat(chat);
    expect(t.ticket_uid).toBe('DR9999123-1');
    const ticket = (await agent().get<Ticket & { dropUnknown: boolean }>(`tickets-detail?id=${t.ticket_uid}`)).body.data;
    expect(ticket).toMatchObject({ category: 'Fibre cut', ticketType: 'fault', dropUnknown: true, billingType: null });
    // The flag is the one mark (as for a ticket from any source): no tag, no system note of its own.
    expect((await agent().get<string[]>(`tickets-tags?id=${t.ticket_uid}`)).body.data).not.toContain('unknown-drop');
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1 AND note_type = 'system'", [t.id])).toBe(0);
  });
});

describe('messages without a drop number', () => {
  it('joins the one open ticket of the chat; waits in the unmatched queue otherwise, where an agent links it or opens a ticket', async () => {
    const [a, b] = [await w.drop(), await w.drop()];
    const lonely = newChat();
    await w.waha.push('message', w.waha.message({ from: lonely, body: 'hello, anyone there?' }));
    const chat = newChat();
    await w.waha.push('message', w.waha.message({ from: chat, body: `${a} los` }));
    await w.processInbound();
    await w.waha.push('message', w.waha.message({ from: chat, body: 'the router is blinking' }));
    await w.processInbound();
    const [t] = await ticketsOfChat(chat);
    expect((await conversation(t.ticket_uid)).map((m) => m.body)).toEqual([`${a} los`, 'the router is blinking']);

    await w.waha.push('message', w.waha.message({ from: chat, body: `${b} no signal` }));
    await w.processInbound();
    await w.waha.push('message', w.waha.message({ from: chat, body: 'which one are you fixing first?' }));
    await w.processInbound();
    const queue = (await agent().get<Msg[]>('whatsapp-unmatched')).body;
    const waiting = queue.data.filter((m) => m.body === 'which one are you fixing first?' || m.body === 'hello, anyone there?');
    expect(waiting.length).toBe(2);
    expect(queue.meta.total).toBeGreaterThanOrEqual(2);
    const review = await w.rows<{ status: string; error: string }>("SELECT status, error FROM inbound_events WHERE status = 'review' AND source = 'whatsapp'");
    expect(review.some((r) => /2 open tickets/.test(r.error))).toBe(true);

    const toLink = waiting.find((m) => m.body.startsWith('which')) as Msg;
    const linked = await agent().post<Msg>('whatsapp-unmatched', { action: 'link', messageId: toLink.id, ticket: `${b}-1` });
    expect(linked.status).toBe(200);
    expect(linked.body.data).toMatchObject({ state: 'received', ticketUid: `${b}-1` });
    expect((await agent().post('whatsapp-unmatched', { action: 'link', messageId: toLink.id, ticket: `${b}-1` })).status).toBe(409);
    expect(await w.count("SELECT count(*)::int AS n FROM inbound_events WHERE status = 'processed' AND ticket_id = (SELECT id FROM tickets WHERE ticket_uid = $1)", [`${b}-1`])).toBeGreaterThanOrEqual(2);

    const toOpen = waiting.find((m) => m.body.startsWith('hello')) as Msg;
    const dr = await w.drop();
    const opened = await agent().post<Msg>('whatsapp-unmatched', { action: 'open', messageId: toOpen.id, drNumber: dr, ticketType: 'query', priority: 'low' });
    expect(opened.body.data.ticketUid).toBe(`${dr}-1`);
    const t2 = (await agent().get<Ticket & { description: string }>(`tickets-detail?id=${dr}-1`)).body.data;
    expect(t2).toMatchObject({ description: 'hello, anyone there?', source: 'whatsapp', ticketType: 'query', reporterPhone: `+${lonely.split('@')[0]}` });

    await w.waha.push('message', w.waha.message({ from: newChat(), body: 'spam' }));
    await w.processInbound();
    const spam = (await agent().get<Msg[]>('whatsapp-unmatched')).body.data.find((m) => m.body === 'spam') as Msg;
    expect((await agent().post<Msg>('whatsapp-unmatched', { action: 'dismiss', messageId: spam.id })).body.data.state).toBe('dismissed');
    expect((await agent().post('whatsapp-unmatched', { action: 'dismiss', messageId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await agent().post('whatsapp-unmatched', { action: 'link', messageId: 'x' })).status).toBe(400);
    expect((await w.as(w.users.technician).post('whatsapp-unmatched', { action: 'dismiss', messageId: spam.id })).status).toBe(403);
  });
});

describe('media, groups and hidden senders', () => {
  it('keeps photos, documents and voice notes as attachments and says on the note when media could not be fetched', async () => {
    const dr = await w.drop();
    const chat = newChat();
    const kinds = ['image', 'photo', 'document', 'voice'] as const;
    for (const kind of kinds) {
      const media = w.waha.addMedia(kind);
      await w.waha.push('message', w.waha.message({ from: chat, body: kind === 'image' ? `${dr} see the ONT` : '', media }));
      await w.processInbound();
    }
    await w.waha.push('message', w.waha.message({ from: chat, body: 'video', hasMedia: true, media: null }));
    await w.waha.push('message', w.waha.message({ from: chat, body: 'lost', media: { url: null, mimetype: 'image/jpeg', error: 'media expired' } }));
    await w.waha.push('message', w.waha.message({ from: chat, body: 'gone', media: { url: `${w.waha.url}/api/files/default/NOPE.jpeg`, mimetype: 'image/jpeg' } }));
    await w.waha.push('message', w.waha.message({ from: chat, body: 'exe', media: { url: `${w.waha.url}/api/files/default/x.exe`, mimetype: 'application/x-msdownload' } }));
    await w.processInbound();
    const atts = (await agent().get<{ fileName: string; mimeType: string; sizeBytes: number; sha256: string }[]>(`tickets-attachments?id=${dr}-1`)).body.data;
    expect(atts.map((a) => a.mimeType).sort()).toEqual(['application/pdf', 'audio/ogg', 'image/jpeg', 'image/png']);
    expect(atts.find((a) => a.mimeType === 'application/pdf')?.fileName).toBe('ont-test-report.pdf');
    expect(atts.every((a) => a.sizeBytes > 0 && /^[0-9a-f]{64}$/.test(a.sha256))).toBe(true);
    const msgs = await conversation(`${dr}-1`);
    expect(msgs.filter((m) => m.media?.attachmentId).length).toBe(4);
    const notes = (await w.rows<{ body: string }>("SELECT body FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.channel = 'whatsapp' ORDER BY n.created_at, n.id", [`${dr}-1`])).map((n) => n.body);
    expect(notes.join('\n')).toMatch(/WhatsApp could not fetch this media/);
    expect(notes.join('\n')).toMatch(/media expired/);
    expect(notes.join('\n')).toMatch(/could not be downloaded \(WAHA media answered 404/);
    expect(notes.join('\n')).toMatch(/type application\/x-msdownload is not allowed/);
    expect(notes.join('\n')).toMatch(/\[audio attached: whatsapp-/);
  });

  it('takes the participant as the sender in a group and resolves an @lid through WAHA, keeping it when unknown', async () => {
    const dr = await w.drop();
    const group = '120363025555555555@g.us';
    await w.waha.push('message', w.waha.message({ from: group, participant: '27825550001@c.us', notifyName: 'Field team Sipho', body: `${dr} fibre cut at pole` }));
    await w.processInbound();
    const g = (await agent().get<Ticket>(`tickets-detail?id=${dr}-1`)).body.data;
    expect(g).toMatchObject({ reporterName: 'Field team Sipho', reporterPhone: '+27825550001' });
    expect((await conversation(`${dr}-1`))[0]).toMatchObject({ isGroup: true, sender: '27825550001' });

    const [d1, d2] = [await w.drop(), await w.drop()];
    w.waha.lids.set('99887766554433@lid', '27825550002@c.us');
    await w.waha.push('message', w.waha.message({ from: '99887766554433@lid', body: `${d1} no signal` }));
    await w.waha.push('message', w.waha.message({ from: '11112222333344@lid', body: `${d2} no signal` }));
    await w.processInbound();
    expect((await agent().get<Ticket>(`tickets-detail?id=${d1}-1`)).body.data.reporterPhone).toBe('+27825550002');
    expect((await agent().get<Ticket>(`tickets-detail?id=${d2}-1`)).body.data.reporterPhone).toBeNull();
    expect((await conversation(`${d2}-1`))[0].sender).toBe('11112222333344@lid');
  });
});

describe('edits, revokes and events about messages we do not hold', () => {
  it('shows an edit and a revoke on the message and keeps the original text and note', async () => {
    const dr = await w.drop();
    const chat = newChat();
    const m = w.waha.message({ from: chat, body: `${dr} no signal at 12 Main Road` });
    await w.waha.push('message', m);
    await w.processInbound();
    const key = String(m.id).split('_')[2];
    await w.waha.push('message.edited', { id: 'edit-evt', from: chat, body: `${dr} no signal at 14 Main Road`, editedMessageId: key });
    await w.waha.push('message.revoked', { after: { id: 'x', from: chat }, revokedMessageId: key }, { times: 2 });
    await w.processInbound();
    const [msg] = await conversation(`${dr}-1`);
    expect(msg).toMatchObject({ body: `${dr} no signal at 12 Main Road`, editedBody: `${dr} no signal at 14 Main Road` });
    expect(msg.revokedAt).toBeTruthy();
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.ticket_uid = $1 AND h.action IN ('whatsapp_message_edited', 'whatsapp_message_revoked')", [`${dr}-1`])).toBe(2);
    expect(await w.count("SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.body LIKE '%12 Main Road%'", [`${dr}-1`])).toBe(1);

    await w.waha.push('message.edited', { body: 'x', editedMessageId: 'UNKNOWN' });
    await w.waha.push('message.revoked', { revokedMessageId: 'UNKNOWN2' });
    await w.waha.push('message.revoked', {});
    await w.waha.push('message', { from: chat });
    await w.processInbound();
    const outcomes = await w.rows<{ status: string; error: string }>("SELECT status, error FROM inbound_events WHERE external_id LIKE 'edited:UNKNOWN%' OR external_id LIKE 'revoked:UNKNOWN2' OR (event_type IN ('message.revoked', 'message') AND status = 'review')");
    expect(outcomes.filter((o) => o.status === 'ignored').length).toBe(2);
    expect(outcomes.filter((o) => o.status === 'review').map((o) => o.error)).toEqual(expect.arrayContaining([expect.stringMatching(/without the id/), expect.stringMatching(/no message id or chat/)]));
  });

  it('retries an ack for a message it does not know yet for a short while, then ignores it', async () => {
    await w.waha.ack('true_27820000000@c.us_NOTYET', 3);
    await w.processInbound();
    const [e] = await w.rows<{ id: string; status: string }>("SELECT id, status FROM inbound_events WHERE external_id = 'ack:true_27820000000@c.us_NOTYET:3'");
    expect(e.status).toBe('failed');
    w.clock.advanceMinutes(3);
    await w.processInbound();
    expect((await w.rows<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [e.id]))[0].status).toBe('ignored');
    await w.waha.push('message.ack', { ack: 2 });
    await w.waha.push('message.any', { id: 'true_27820000001@c.us_PHONE', from: '27600000000@c.us', to: '27820000001@c.us', fromMe: true, body: 'typed on the phone', source: 'app' });
    await w.processInbound();
    const last = await w.rows<{ status: string; error: string }>("SELECT status, error FROM inbound_events WHERE external_id IN ('message:true_27820000001@c.us_PHONE') OR (event_type = 'message.ack' AND status = 'review')");
    expect(last.map((r) => r.error)).toEqual(expect.arrayContaining([expect.stringMatching(/Sent from the phone/), expect.stringMatching(/without a message id/)]));
    expect(envelope('message', {}).event).toBe('message');
  });

  it('reads a run\'s chats and messages once, and remembers within the run what it wrote', async () => {
    const [a, b] = [await w.drop(), await w.drop()];
    const [x, y] = [newChat(), newChat()];
    await w.waha.push('message', w.waha.message({ from: y, body: `${b} no signal` }));
    await w.processInbound();
    // One run: x's first message opens a ticket, an ack finds that message, x's second message (no DR)
    // joins the ticket opened moments before, and three messages join y's ticket.
    // (A second apart: the test clock stamps what arrives, and the worker takes events in arrival order.)
    const tick = () => w.clock.set(new Date(w.clock.now().getTime() + 1000));
    const first = w.waha.message({ from: x, body: `${a} red light` });
    await w.waha.pushTwins(first);
    tick();
    await w.waha.push('message.ack', { id: first.id, from: x, fromMe: false, ack: 3 });
    tick();
    await w.waha.push('message', w.waha.message({ from: x, body: 'it is still red' }));
    for (const n of [1, 2, 3]) {
      tick();
      await w.waha.push('message', w.waha.message({ from: y, body: `update ${n}` }));
    }
    const sql: string[] = [];
    const counted = (q: Queryable): Queryable => ({ query: (s, p) => (sql.push(s), q.query(s, p)), exec: (s) => (sql.push(s), q.exec(s)) });
    const db: Db = { ...w.tdb.db, ...counted(w.tdb.db), transaction: (fn) => w.tdb.db.transaction((tx) => fn(counted(tx))) };
    const r = await processInboundBatch({ ...w.deps(), db }, { random: () => 0, sources: ['whatsapp'] });
    expect(r).toMatchObject({ claimed: 6, processed: 6 }); // the twin is the same event at the door
    const [tx, ty] = [(await ticketsOfChat(x)), (await ticketsOfChat(y))];
    expect(tx.map((t) => t.ticket_uid)).toEqual([`${a}-1`]);
    expect((await conversation(tx[0].ticket_uid)).map((m) => [m.body, m.ack])).toEqual([[first.body, 3], ['it is still red', null]]);
    expect((await conversation(ty[0].ticket_uid)).map((m) => m.body)).toEqual([`${b} no signal`, 'update 1', 'update 2', 'update 3']);
    // The chats' open tickets and the named messages were read once for the run, never per message.
    expect(sql.filter((s) => s.includes('unnest($1::text[]) AS c(chat_id)')).length).toBe(1);
    expect(sql.filter((s) => s.includes('WHERE m.waha_id = ANY($1::text[])')).length).toBe(1);
    // (A message's place read alone is these same two statements again; an ack's message read alone, this one.)
    expect(sql.filter((s) => s.includes('WHERE m.waha_id = $1 OR')).length).toBe(0);
  });
});
