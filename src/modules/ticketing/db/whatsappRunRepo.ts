// The open tickets of WhatsApp chats: for a run of events handled in one transaction, every chat the run names in one
// statement (see integrations/whatsapp/runMemo.ts); for a single chat, the same statement with one.
import type { Queryable } from '@/src/lib/db';
import type { Ticket } from '../types/tickets';
import { mapTicket, TICKET_SELECT, type TicketRow } from './ticketRows';

/**
 * Each chat's open tickets (those any of its messages belong to), whole, newest first. A chat's distinct tickets are
 * read by skipping along the (chat_id, ticket_id) index: one probe per ticket, not one row per message.
 */
export async function openTicketsOfChats(q: Queryable, chatIds: readonly string[], openStatuses: readonly string[]): Promise<Map<string, Ticket[]>> {
  const out = new Map<string, Ticket[]>(chatIds.map((c) => [c, []]));
  if (chatIds.length === 0) return out;
  const { rows } = await q.query<TicketRow & { of_chat: string }>(
    `WITH RECURSIVE chat_tickets(chat_id, ticket_id) AS (
       SELECT c.chat_id, (SELECT m.ticket_id FROM whatsapp_messages m WHERE m.chat_id = c.chat_id AND m.ticket_id IS NOT NULL ORDER BY m.ticket_id LIMIT 1)
         FROM unnest($1::text[]) AS c(chat_id)
       UNION ALL
       SELECT c.chat_id, (SELECT m.ticket_id FROM whatsapp_messages m WHERE m.chat_id = c.chat_id AND m.ticket_id > c.ticket_id ORDER BY m.ticket_id LIMIT 1)
         FROM chat_tickets c WHERE c.ticket_id IS NOT NULL)
     SELECT o.*, ct.chat_id AS of_chat
       FROM chat_tickets ct
       JOIN LATERAL (${TICKET_SELECT} WHERE t.id = ct.ticket_id AND t.deleted_at IS NULL AND t.status = ANY($2::text[])) o ON true
      ORDER BY o.created_at DESC`,
    [[...new Set(chatIds)], [...openStatuses]],
  );
  for (const r of rows) out.get(r.of_chat)?.push(mapTicket(r));
  return out;
}
