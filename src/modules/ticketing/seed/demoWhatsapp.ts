// The demo's WhatsApp conversation: a customer reports a fault naming the drop, sends a photo and a voice note, and an
// agent's reply was read. The customer's messages go through the real webhook store and inbound processor (media
// from data: URLs, so no WAHA is needed to seed); the reply is recorded as already delivered.
import { ManualClock } from '@/src/lib/clock';
import type { AppConfig } from '@/src/lib/config';
import type { Db } from '@/src/lib/db';
import type { Logger } from '@/src/lib/logger';
import { findTicketById } from '../db/ticketRepo';
import { insertWaMessage, listTicketMessages } from '../db/whatsappRepo';
import { openTicketsOfChats } from '../db/whatsappRunRepo';
import { OPEN_STATUSES } from '../types/enums';
import { processInboundBatch } from '../jobs/inboundWorker';
import { acceptInbound } from '../services/inboundService';
import type { Actor } from '../services/context';
import { addConversationNote } from '../services/whatsapp/conversationWrites';
import type { Ticket } from '../types/tickets';

const CHAT = '27821112299@c.us';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(60, 1)]).toString('base64');

function message(key: string, at: Date, body: string, media?: { mimetype: string; data: string }) {
  return {
    event: 'message',
    session: 'default',
    engine: 'WEBJS',
    payload: {
      id: `false_${CHAT}_${key}`, timestamp: Math.floor(at.getTime() / 1000), from: CHAT, fromMe: false, to: '27600000000@c.us', body,
      hasMedia: Boolean(media), media: media ? { url: `data:${media.mimetype};base64,${media.data}`, mimetype: media.mimetype, filename: null } : null,
      ack: 1, ackName: 'SERVER', source: 'app', _data: { notifyName: 'Nomsa Dlamini' },
    },
  };
}

/** Seeds the conversation on `drNumber`; returns the number of tickets it opened (1). */
export async function seedDemoWhatsapp(deps: { db: Db; config: AppConfig; log: Logger; now: Date; agent: Actor }, drNumber: string): Promise<number> {
  const clock = new ManualClock(new Date(deps.now.getTime() - 3 * 3_600_000));
  const w = { db: deps.db, config: deps.config, clock, log: deps.log };
  const inbound = async (key: string, body: string, media?: { mimetype: string; data: string }) => {
    await acceptInbound(w, { source: 'whatsapp', externalId: `message:false_${CHAT}_${key}`, eventType: 'message', payload: message(key, clock.now(), body, media), headers: { 'user-agent': 'demo-seed' } });
    await processInboundBatch(w, { sources: ['whatsapp'] });
    clock.advanceMinutes(7);
  };
  await inbound('3EB0DEMO0001', `Hi, ${drNumber} has no internet since this morning, the light on the box is red`);
  await inbound('3EB0DEMO0002', 'Photo of the ONT', { mimetype: 'image/png', data: PNG });
  const [open] = (await openTicketsOfChats(deps.db, [CHAT], OPEN_STATUSES)).get(CHAT) ?? [];
  const ticket = (await findTicketById(deps.db, open.id)) as Ticket;
  const [first] = await listTicketMessages(deps.db, ticket.id);
  const ctx = { db: deps.db, config: deps.config, clock, log: deps.log, user: deps.agent };
  const text = 'Thanks Nomsa, a technician will come today between 12:00 and 14:00.';
  await deps.db.transaction(async (tx) => {
    const noteId = await addConversationNote(tx, ctx, ticket, { body: text, authorName: deps.agent.name, direction: 'outbound' });
    await insertWaMessage(tx, {
      chatId: CHAT, wahaId: `true_${CHAT}_3EB0DEMOREPLY`, wahaKey: '3EB0DEMOREPLY', direction: 'out', state: 'sent', ticketId: ticket.id, noteId, body: text,
      replyTo: first.wahaId, ack: 3, sentBy: deps.agent.id, sentByName: deps.agent.name, at: clock.now(),
    });
  });
  clock.advanceMinutes(4);
  await inbound('3EB0DEMO0003', '', { mimetype: 'audio/ogg', data: OGG });
  return 1;
}
