// Mail to a ticket's reporter (acknowledgement with the UID, status updates, an agent's external note): logged in
// notification_log, threaded on the ticket's mail (Message-ID, In-Reply-To, References), queued in the outbox inside
// the caller's transaction. A lifecycle hook sends status updates and agents' external notes on email tickets.
import type { Queryable } from '@/src/lib/db';
import { maskEmail } from '@/src/lib/logger';
import { findExternalNote, listTicketThread, recordEmailMessage } from '../../db/emailMessageRepo';
import { attachOutbox, insertNotification, markNotificationFailed } from '../../db/notificationRepo';
import { enqueueOutbox } from '../../db/outboxRepo';
import { OUTBOX_KINDS, type EmailPayload } from '../../jobs/outboxTypes';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import type { TicketLifecycleHook } from '../lifecycle';

export type ReporterMailKind = 'ack' | 'status' | 'note';

/** The name inbound mail acts under; its own changes (a reopen by reply) are not announced back to the sender. */
export const EMAIL_ACTOR_NAME = 'Email intake';

/** The domain of our From address, for our Message-IDs. */
export function mailDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m ? m[1].toLowerCase() : 'fibreflow.local';
}

/** Subject, text and whether it is automatic (pure). */
export function reporterMessage(kind: ReporterMailKind, t: Pick<Ticket, 'ticketUid' | 'title' | 'status'>, body?: string): { subject: string; text: string; automatic: boolean } {
  const tag = `[${t.ticketUid}] ${t.title}`;
  switch (kind) {
    case 'ack':
      return {
        subject: `Re: ${tag}`,
        text: [`We received your message and opened ticket ${t.ticketUid}.`, 'Reply to this mail to add to it; keep the reference in the subject.'].join('\n\n'),
        automatic: true,
      };
    case 'status':
      return { subject: `Re: ${tag}`, text: `Ticket ${t.ticketUid} is now ${t.status.replace(/_/g, ' ')}.`, automatic: true };
    case 'note':
      return { subject: `Re: ${tag}`, text: `${body ?? ''}\n\n-- \nTicket ${t.ticketUid}. Reply to this mail to answer.`, automatic: false };
  }
}

/** Queues one mail to the reporter; the dedupe key makes a repeat (a retried event) a no-op. */
export async function queueReporterMail(
  tx: Queryable,
  ctx: Pick<ServiceContext, 'config' | 'clock' | 'log'>,
  ticket: Ticket,
  kind: ReporterMailKind,
  dedupeKey: string,
  body?: string,
): Promise<string | null> {
  if (!ticket.reporterEmail) return null;
  const now = ctx.clock.now();
  const id = await insertNotification(tx, {
    channel: 'email', recipient: ticket.reporterEmail, template: `email.${kind}`, ticketId: ticket.id, userId: null, trigger: `reporter.${kind}`,
    dedupeKey, slaEventId: null, createdAt: now,
  });
  if (!id) return null;
  if (!ctx.config.SMTP_HOST) {
    await markNotificationFailed(tx, id, 'email is not configured (SMTP_HOST unset)');
    return id;
  }
  const thread = await listTicketThread(tx, ticket.id);
  const lastIn = [...thread].reverse().find((m) => m.direction === 'in');
  const messageId = `<${ticket.ticketUid}.${id}@${mailDomain(ctx.config.SMTP_FROM)}>`;
  const msg = reporterMessage(kind, ticket, body);
  const payload: EmailPayload = {
    to: ticket.reporterEmail, subject: msg.subject, text: msg.text, template: `email.${kind}`, notificationId: id, messageId,
    inReplyTo: lastIn?.messageId, references: thread.map((m) => m.messageId).slice(-20), autoSubmitted: msg.automatic,
  };
  const outbox = await enqueueOutbox(tx, {
    kind: OUTBOX_KINDS.email, payload, idempotencyKey: `notification:${id}`, ticketId: ticket.id, maxAttempts: ctx.config.OUTBOX_MAX_ATTEMPTS, runAt: now,
  });
  await attachOutbox(tx, id, outbox.id);
  await recordEmailMessage(tx, { messageId, ticketId: ticket.id, direction: 'out', notificationId: id, subject: msg.subject, at: now });
  ctx.log.info({ notificationId: id, kind, ticketUid: ticket.ticketUid, to: maskEmail(ticket.reporterEmail) }, 'reporter mail queued');
  return id;
}

/** Status updates and agents' external notes on email tickets go to the reporter. */
export const reporterMailHooks: TicketLifecycleHook = {
  name: 'reporterMail',
  async onStatusChanged(tx, ctx, ticket, event) {
    if (ticket.source !== 'email' || ctx.user.name === EMAIL_ACTOR_NAME) return;
    await queueReporterMail(tx, ctx, ticket, 'status', `email-status:${ticket.id}:${event.to}:${ctx.clock.now().toISOString()}`);
  },
  async onNoteAdded(tx, ctx, ticket, event) {
    if (ticket.source !== 'email' || event.noteType !== 'external' || event.direction !== 'outbound' || event.channel === 'email' || !event.noteId) return;
    const note = await findExternalNote(tx, ticket.id, event.noteId);
    if (note) await queueReporterMail(tx, ctx, ticket, 'note', `email-note:${note.id}`, note.body);
  },
};
