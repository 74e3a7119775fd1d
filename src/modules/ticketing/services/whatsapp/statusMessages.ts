// Status-change messages to a ticket's WhatsApp chat: one short template per status, each switched on or off in admin
// (kept in integration_state). Sent as a notification (notification_log, so a permanent failure falls back to SMS once).
import type { Queryable } from '@/src/lib/db';
import { getIntegrationState, setIntegrationState } from '../../db/integrationStateRepo';
import { insertNote } from '../../db/noteRepo';
import { insertNotification } from '../../db/notificationRepo';
import { chatOfTicket } from '../../db/whatsappRepo';
import type { TicketStatus } from '../../types/enums';
import type { Ticket } from '../../types/tickets';
import type { TicketLifecycleHook } from '../lifecycle';
import { queueWhatsappMessage } from './outboundQueue';

export const STATUS_TEMPLATE_TEXT: Partial<Record<TicketStatus, (t: Pick<Ticket, 'ticketUid'>) => string>> = {
  assigned: (t) => `FibreFlow ${t.ticketUid}: a technician has been assigned to your fault.`,
  in_progress: (t) => `FibreFlow ${t.ticketUid}: we are working on your fault now.`,
  blocked: (t) => `FibreFlow ${t.ticketUid}: your fault is on hold while we wait for something; we will update you.`,
  resolved: (t) => `FibreFlow ${t.ticketUid}: your fault has been resolved. Reply here if it is not working.`,
  closed: (t) => `FibreFlow ${t.ticketUid}: this ticket is now closed. Thank you.`,
  cancelled: (t) => `FibreFlow ${t.ticketUid}: this ticket has been cancelled. Reply here if you still need help.`,
};

export type StatusTemplateSwitches = Record<string, boolean>;

export const DEFAULT_STATUS_TEMPLATES: StatusTemplateSwitches = { assigned: false, in_progress: true, blocked: false, resolved: true, closed: false, cancelled: true };

export async function getStatusTemplateSwitches(q: Queryable): Promise<StatusTemplateSwitches> {
  const stored = (await getIntegrationState<StatusTemplateSwitches>(q, 'whatsapp', 'status_templates')) ?? {};
  const out: StatusTemplateSwitches = {};
  for (const k of Object.keys(STATUS_TEMPLATE_TEXT)) out[k] = typeof stored[k] === 'boolean' ? stored[k] : DEFAULT_STATUS_TEMPLATES[k];
  return out;
}

export async function saveStatusTemplateSwitches(q: Queryable, next: StatusTemplateSwitches, now: Date): Promise<StatusTemplateSwitches> {
  await setIntegrationState(q, 'whatsapp', 'status_templates', { ...(await getStatusTemplateSwitches(q)), ...next }, now);
  return getStatusTemplateSwitches(q);
}

export const whatsappStatusHook: TicketLifecycleHook = {
  name: 'whatsappStatusMessages',
  async onStatusChanged(tx, ctx, ticket, event) {
    const render = STATUS_TEMPLATE_TEXT[event.to];
    if (!render || !ctx.config.WAHA_URL) return;
    const chatId = await chatOfTicket(tx, ticket.id);
    if (!chatId || !(await getStatusTemplateSwitches(tx))[event.to]) return;
    const now = ctx.clock.now();
    const text = render(ticket);
    const notificationId = await insertNotification(tx, {
      channel: 'whatsapp', recipient: chatId, template: `whatsapp.status.${event.to}`, ticketId: ticket.id, userId: null, trigger: 'status_change',
      dedupeKey: `whatsapp-status:${ticket.id}:${event.from}:${event.to}:${now.getTime()}`, slaEventId: null, createdAt: now,
    });
    if (!notificationId) return;
    const note = await insertNote(tx, { ticketId: ticket.id, noteType: 'external', channel: 'whatsapp', body: text, authorId: null, authorName: 'FibreFlow (status message)', at: now });
    await queueWhatsappMessage(tx, { ticketId: ticket.id, chatId, text, replyTo: null, noteId: note.id, notificationId, sentBy: null, sentByName: 'Status message', maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, now });
  },
};
