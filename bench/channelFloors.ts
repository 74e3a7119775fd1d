// Bare floors for the channel jobs: the same calls and the rows a person would expect (event stored and settled, a
// ticket per new conversation or case, a note per message or timeline event, the link), written with plain statements
// and none of the rules (billing, SLA, hooks, history per change, locks, re-reads). What the jobs add is measured on this.
// Where the product batches (the inbound worker's transaction per claim), the floor batches the same way.
import { createPgDb } from '../src/lib/db/pg';
import type { Db, Queryable } from '../src/lib/db';
import { claimDueInbound, resolveInboundEvents, type InboundEvent } from '../src/modules/ticketing/db/inboundRepo';
import { insertNote } from '../src/modules/ticketing/db/noteRepo';
import { loadMappings, saveLink } from '../src/modules/ticketing/db/qcontactRepo';
import { insertTicket, nextCounterValue } from '../src/modules/ticketing/db/ticketRepo';
import { appendHistory } from '../src/modules/ticketing/db/historyRepo';
import { mapCase, publicNotes } from '../src/modules/ticketing/integrations/qcontact/caseMapping';
import { createQcontactClient } from '../src/modules/ticketing/integrations/qcontact/qcontactClient';
import { extractDr, parseMessagePayload } from '../src/modules/ticketing/integrations/whatsapp/messageParser';
import { OUR_ASSIGNEE, startQcontactEmulator } from '../emulators/qcontact';
import type { ChannelFigures } from './channels';

const ACTOR = { id: null, name: 'floor', role: 'system' };

/** The floor's conversations are kept apart from the product's (the same chats arrive on both). */
const floorChat = (chatId: string) => `floor:${chatId}`;

async function placeMessage(tx: Queryable, e: InboundEvent): Promise<string | null> {
  const env = e.payload as { event?: string; payload?: { id?: string; ack?: number } };
  if (env.event === 'message.ack') {
    await tx.query("UPDATE whatsapp_messages SET ack = $2 WHERE waha_id = $1 AND chat_id LIKE 'floor:%'", [`floor:${env.payload?.id}`, env.payload?.ack ?? null]);
    return null;
  }
  const m = parseMessagePayload(env.payload);
  if (!m) return null;
  const chat = floorChat(m.chatId);
  const found = await tx.query<{ ticket_id: string }>('SELECT ticket_id FROM whatsapp_messages WHERE chat_id = $1 AND ticket_id IS NOT NULL LIMIT 1', [chat]);
  let ticketId = found.rows[0]?.ticket_id ?? null;
  const dr = extractDr(m.body);
  if (!ticketId && dr) {
    const uid = `${dr}-F${await nextCounterValue(tx, `floor:${dr}`)}`;
    ticketId = await insertTicket(tx, { ticketUid: uid, source: 'whatsapp', ticketType: 'fault', priority: 'medium', status: 'new', title: m.body.slice(0, 120), description: m.body, drNumber: dr, createdAt: new Date() });
    await appendHistory(tx, { ticketId, actor: ACTOR, action: 'created', newValue: uid });
  }
  const note = ticketId ? await insertNote(tx, { ticketId, noteType: 'external', channel: 'whatsapp', body: m.body, authorId: null, authorName: m.senderName ?? 'customer', at: new Date() }) : null;
  await tx.query(
    `INSERT INTO whatsapp_messages (chat_id, waha_id, direction, state, ticket_id, note_id, inbound_event_id, sender, body, created_at, updated_at)
     VALUES ($1, $2, 'in', $3, $4, $5, $6, $7, $8, now(), now())`,
    [chat, `floor:${m.id}`, ticketId ? 'received' : 'unmatched', ticketId, note?.id ?? null, e.id, m.senderId, m.body],
  );
  return ticketId;
}

/**
 * One batch of the floor worker, shaped as the product's: the same claim, the bare writes of every event in one
 * transaction (one at a time if that transaction fails, a deadlock between loops say), then one statement settling all.
 */
export async function floorDrainBatch(db: Db, workerId: string): Promise<number> {
  const events = await claimDueInbound(db, { now: new Date(), workerId, limit: 50, leaseMs: 300_000, sources: ['whatsapp'] });
  if (events.length === 0) return 0;
  let tickets: (string | null)[];
  try {
    tickets = await db.transaction(async (tx) => {
      const out: (string | null)[] = [];
      for (const e of events) out.push(await placeMessage(tx, e));
      return out;
    });
  } catch {
    tickets = [];
    for (const e of events) tickets.push(await db.transaction((tx) => placeMessage(tx, e)));
  }
  await resolveInboundEvents(db, workerId, events.map((e, i) => ({ id: e.id, r: { status: 'processed', ticketId: tickets[i] } })), new Date());
  return events.length;
}

/** The inbound worker's floor: `workers` loops of floorDrainBatch until `max` events are handled or none is left. */
export async function drainInboundFloor(dbUrl: string, max: number, workers = 2): Promise<ChannelFigures> {
  const db = createPgDb(dbUrl, workers + 2);
  let done = 0;
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: workers }, async (_, k) => {
      while (done < max) {
        const n = await floorDrainBatch(db, `floor-${k}`);
        if (n === 0) break;
        done += n;
      }
    }));
  } finally {
    await db.close();
  }
  const ms = performance.now() - t0;
  return { ms, count: done, perSecond: done / (ms / 1000) };
}

/** The sync's floor: the same calls to QContact (its own cases, so none is already ours), then per case one
 * transaction: the event stored, the ticket, its timeline notes and the link. */
export async function qcontactSyncFloor(dbUrl: string, cases: number, drNumbers: readonly string[]): Promise<ChannelFigures> {
  const emu = await startQcontactEmulator({ seed: { count: cases, otherShare: 0, now: new Date(), firstCaseId: 33_000_000_000, firstNumber: 3_000_000, drNumbers } });
  const db = createPgDb(dbUrl, 6);
  try {
    const client = createQcontactClient({ baseUrl: emu.url, email: emu.email, password: emu.password });
    const maps = await loadMappings(db);
    const t0 = performance.now();
    let seen = 0;
    const one = async (id: string) => {
      const [detail, events] = await Promise.all([client.getCase(id), client.getEvents(id)]);
      const m = mapCase(detail, maps);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO inbound_events (source, external_id, event_type, payload, status, received_at, next_attempt_at, processed_at, updated_at)
           VALUES ('qcontact', $1, 'case.sync', $2, 'processed', now(), now(), now(), now())`,
          [`${id}:${m.updatedAt}`, JSON.stringify({ case: detail, events })],
        );
        const f = m.fields;
        const ticketId = await insertTicket(tx, {
          ticketUid: m.ticketUid, source: 'qcontact', externalId: m.caseId, ticketType: f.ticketType, category: f.category, priority: f.priority, status: 'new',
          title: f.title, description: f.description, drNumber: f.drNumber, reporterName: f.reporterName, reporterPhone: f.reporterPhone, createdAt: m.createdAt,
        });
        await appendHistory(tx, { ticketId, actor: ACTOR, action: 'created', newValue: m.ticketUid });
        for (const n of publicNotes(events, emu.email, m.createdAt)) {
          await insertNote(tx, { ticketId, noteType: 'external', channel: 'qcontact', body: n.body, authorId: null, authorName: n.author, at: n.at });
        }
        await saveLink(tx, {
          ticketId, caseId: m.caseId, caseNumber: m.number, caseUpdatedAt: m.updatedAt, statusLabel: m.statusLabel, syncedStatus: 'new', unknownStatus: false,
          subcategory: f.subcategory, ontSerial: f.ontSerial, snapshot: f, at: new Date(),
        });
      });
    };
    for await (const page of client.listCases({ assigneeId: OUR_ASSIGNEE.id })) {
      for (let i = 0; i < page.length; i += 4) await Promise.all(page.slice(i, i + 4).map((c) => one(String(c.id))));
      seen += page.length;
    }
    const ms = performance.now() - t0;
    return { ms, count: seen, perSecond: seen / (ms / 1000), requests: emu.requests.length };
  } finally {
    await db.close();
    await emu.close();
  }
}
