// The unmatched WhatsApp queue: messages with no DR in a chat without exactly one open ticket wait here until an agent
// links one to a ticket (it becomes an external note there) or opens a ticket from it (it becomes the description).
import { ConflictError, NotFoundError, ValidationError } from '@/src/lib/api/errors';
import { getStorage } from '@/src/lib/storage';
import { settleInboundEvent } from '../../db/inboundRepo';
import { attachMessage, countUnmatched, findWaMessage, listUnmatched, setMessageState, type WaMessage } from '../../db/whatsappRepo';
import type { Ticket } from '../../types/tickets';
import type { StatusTemplatesInput, UnmatchedActionInput, UnmatchedListQuery } from '../../types/whatsapp';
import type { ServiceContext } from '../context';
import { lockVisibleTicket } from '../ticketAccess';
import { addConversationNote, addReceivedAttachment, openTicketFromMessage } from './conversationWrites';
import { getStatusTemplateSwitches, saveStatusTemplateSwitches, STATUS_TEMPLATE_TEXT, type StatusTemplateSwitches } from './statusMessages';

export async function listUnmatchedMessages(ctx: ServiceContext, q: UnmatchedListQuery): Promise<{ items: WaMessage[]; meta: Record<string, unknown> }> {
  const [items, total] = await Promise.all([listUnmatched(ctx.db, q.limit, q.offset), countUnmatched(ctx.db)]);
  return { items, meta: { total, limit: q.limit, offset: q.offset } };
}

interface StoredMediaMeta {
  mimetype: string;
  filename: string;
  storageKey?: string;
  size?: number;
  sha256?: string;
  error?: string;
}

function noteBody(m: WaMessage): string {
  const media = m.media as StoredMediaMeta | null;
  const parts = [m.body.trim()];
  if (media?.storageKey) parts.push(`[${media.mimetype.split('/')[0]} attached: ${media.filename}]`);
  else if (media?.error) parts.push(`[${media.error}]`);
  return parts.filter(Boolean).join('\n') || '(empty message)';
}

async function fileInto(ctx: ServiceContext, tx: Parameters<Parameters<ServiceContext['db']['transaction']>[0]>[0], m: WaMessage, ticket: Ticket): Promise<void> {
  const now = ctx.clock.now();
  const noteId = await addConversationNote(tx, ctx, ticket, { body: noteBody(m), authorName: m.senderName ?? m.sender ?? m.chatId, direction: 'inbound' });
  const media = m.media as StoredMediaMeta | null;
  // A stored file always has its size and digest beside its key (inboundProcessor writes them together).
  const attachmentId = media?.storageKey
    ? await addReceivedAttachment(tx, ctx, ticket.id, { storageKey: media.storageKey, fileName: media.filename, mimeType: media.mimetype, size: media.size as number, sha256: media.sha256 as string })
    : null;
  const filed = await attachMessage(tx, m.id, { ticketId: ticket.id, noteId, state: 'received', media: attachmentId ? { ...media, attachmentId } : undefined }, now);
  if (!filed) throw new ConflictError('This message was already filed by someone else');
  // Every unmatched message came in through an inbound event.
  await settleInboundEvent(tx, m.inboundEventId as string, { status: 'processed', ticketId: ticket.id, note: `Filed on ${ticket.ticketUid} by ${ctx.user.name}` }, now);
}

export async function actOnUnmatched(ctx: ServiceContext, input: UnmatchedActionInput): Promise<WaMessage> {
  const m = await findWaMessage(ctx.db, input.messageId);
  if (!m) throw new NotFoundError('WhatsApp message');
  if (m.state !== 'unmatched') throw new ConflictError(`This message is no longer waiting (it is ${m.state})`, { state: m.state, ticketUid: m.ticketUid });
  const now = ctx.clock.now();
  if (input.action === 'dismiss') {
    await ctx.db.transaction(async (tx) => {
      await setMessageState(tx, m.id, { state: 'dismissed' }, now);
      await settleInboundEvent(tx, m.inboundEventId as string, { status: 'ignored', note: `Dismissed by ${ctx.user.name}` }, now);
    });
    const media = m.media as StoredMediaMeta | null;
    if (media?.storageKey) await getStorage(ctx.config).delete(media.storageKey);
  } else {
    await ctx.db.transaction(async (tx) => {
      const ticket =
        input.action === 'link'
          ? await lockVisibleTicket(tx, ctx.user, input.ticket)
          : await openTicketFromMessage(tx, ctx, {
              source: 'whatsapp', drNumber: input.drNumber, body: m.body, senderName: m.senderName, phone: m.sender && /^\d+$/.test(m.sender) ? m.sender : null,
              title: input.title, ticketType: input.ticketType, priority: input.priority,
            });
      await fileInto(ctx, tx, m, ticket);
    });
  }
  ctx.log.info({ messageId: m.id, action: input.action }, 'unmatched whatsapp message settled');
  return (await findWaMessage(ctx.db, m.id)) as WaMessage;
}

export async function getStatusTemplates(ctx: ServiceContext): Promise<{ status: string; enabled: boolean; text: string }[]> {
  const switches = await getStatusTemplateSwitches(ctx.db);
  return Object.entries(STATUS_TEMPLATE_TEXT).map(([status, render]) => ({ status, enabled: switches[status], text: render({ ticketUid: 'DR1234567-1' }) }));
}

export async function updateStatusTemplates(ctx: ServiceContext, input: StatusTemplatesInput): Promise<{ status: string; enabled: boolean; text: string }[]> {
  const unknown = Object.keys(input.templates).filter((k) => !(k in STATUS_TEMPLATE_TEXT));
  if (unknown.length) {
    throw new ValidationError('Unknown status template', { location: 'body', fields: unknown.map((k) => ({ field: `templates.${k}`, message: `No template for status ${k}`, code: 'unknown_template' })) });
  }
  await saveStatusTemplateSwitches(ctx.db, input.templates as StatusTemplateSwitches, ctx.clock.now());
  ctx.log.info({ templates: input.templates }, 'whatsapp status templates changed');
  return getStatusTemplates(ctx);
}
