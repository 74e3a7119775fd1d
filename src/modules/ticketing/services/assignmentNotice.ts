// Tells a person a ticket was assigned to them (through their notification preferences and the outbox).
import type { Queryable } from '@/src/lib/db';
import type { Ticket } from '../types/tickets';
import type { ServiceContext } from './context';
import { notifyUsers } from './notifications/notificationService';

export async function noticeAssignment(tx: Queryable, ctx: ServiceContext, ticket: Ticket, assigneeId: string, at: Date): Promise<void> {
  // Taking a ticket yourself needs no notice.
  if (assigneeId === ctx.user.id) return;
  await notifyUsers(tx, ctx, {
    event: 'ticket.assigned',
    ticketId: ticket.id,
    userIds: [assigneeId],
    dedupeKey: `assigned:${ticket.id}:${assigneeId}:${at.getTime()}`,
    trigger: 'ticket.assigned',
    template: { ticket, dueAt: ticket.dueAt ? new Date(ticket.dueAt) : null },
  });
}
