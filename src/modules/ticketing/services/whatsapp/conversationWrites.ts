// Writes shared by the WhatsApp inbound processor and the agent's actions: a conversation note on a ticket (with the
// SLA and version bookkeeping any note gets), a received file as an attachment, and a ticket opened from a message.
import { randomUUID } from 'node:crypto';
import { joinTransaction, type Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { insertAttachment } from '../../db/attachmentRepo';
import { insertNoteOnTicket, type NoteFollowUp } from '../../db/noteRepo';
import type { Ticket } from '../../types/tickets';
import type { Actor, ServiceContext } from '../context';
import { LIFECYCLE_HOOKS } from '../lifecycle';
import { createTicket } from '../ticketService';
import { guessTicketType } from '../../integrations/whatsapp/messageParser';

/** The actor for what arrives on WhatsApp (no user: never counts as our first response). */
export const WHATSAPP_ACTOR: Actor = { id: null, name: 'WhatsApp', role: 'system' };


export async function addConversationNote(
  tx: Queryable,
  ctx: ServiceContext,
  ticket: Ticket,
  n: { body: string; authorName: string; direction: 'inbound' | 'outbound' },
  also?: NoteFollowUp,
): Promise<string> {
  const now = ctx.clock.now();
  const noteType = 'external';
  const note = { ticketId: ticket.id, noteType, channel: 'whatsapp', body: n.body.slice(0, 20000), authorId: ctx.user.id, authorName: n.authorName, at: now } as const;
  const { id: noteId } = await insertNoteOnTicket(tx, note, ctx.user, { noteType, channel: 'whatsapp' }, also);
  for (const hook of LIFECYCLE_HOOKS) await hook.onNoteAdded?.(tx, ctx, ticket, { noteType, channel: 'whatsapp', createdAt: now, direction: n.direction });
  return noteId;
}

export async function addReceivedAttachment(
  tx: Queryable,
  ctx: ServiceContext,
  ticketId: string,
  f: { storageKey: string; fileName: string; mimeType: string; size: number; sha256: string },
): Promise<string> {
  const now = ctx.clock.now();
  const id = randomUUID();
  await insertAttachment(tx, { id, ticketId, storageKey: f.storageKey, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.size, sha256: f.sha256, uploadedBy: null, at: now });
  await appendHistory(tx, { ticketId, actor: ctx.user, action: 'attachment_added', newValue: f.fileName, details: { attachmentId: id, size: f.size, channel: 'whatsapp' }, at: now });
  return id;
}

export interface MessageTicketInput {
  drNumber: string;
  body: string;
  senderName: string | null;
  phone: string | null;
  source: 'whatsapp' | 'whatsapp_outbound';
  title?: string;
  ticketType?: Ticket['ticketType'];
  priority?: Ticket['priority'];
}

export function titleFromMessage(body: string, senderName: string | null): string {
  const first = body.split('\n').map((l) => l.trim()).find(Boolean);
  if (first) return `WhatsApp: ${first.length > 120 ? `${first.slice(0, 117)}...` : first}`;
  return `WhatsApp message from ${senderName ?? 'a customer'}`;
}

/**
 * Opens a ticket through the ticket service (UID, billing, SLA as for any ticket). A DR that is not in the drop register
 * needs nothing here: every such ticket carries the derived `dropUnknown` flag, shown on the ticket and its badge.
 */
export async function openTicketFromMessage(tx: Queryable, ctx: ServiceContext, m: MessageTicketInput): Promise<Ticket> {
  const guess = guessTicketType(m.body);
  const view = await createTicket({ ...ctx, db: joinTransaction(ctx.db, tx) }, {
    source: m.source,
    drNumber: m.drNumber,
    ticketType: m.ticketType ?? guess.ticketType,
    category: guess.category,
    priority: m.priority ?? guess.priority,
    title: m.title ?? titleFromMessage(m.body, m.senderName),
    description: m.body || null,
    reporterName: m.senderName?.slice(0, 200) ?? null,
    reporterPhone: m.phone ? `+${m.phone}` : null,
  });
  // The ticket as createTicket read it after its hooks: no second read.
  return view;
}
