// Turns one stored inbound mail into ticket work: a new EML ticket (acknowledged by mail), a reply joining its ticket
// as an external note (reopening a resolved one), or the review queue for automatic mail, bounces (marking the
// notification they return failed) and mail that cannot be parsed. Nothing is dropped.
import { createHash } from 'node:crypto';
import { ConflictError } from '@/src/lib/api/errors';
import { appendHistory } from '../../db/historyRepo';
import { findEmailMessages, markNotificationBounced, recordEmailMessage } from '../../db/emailMessageRepo';
import { findDropByDr } from '../../db/dropRepo';
import { insertNote } from '../../db/noteRepo';
import { findTicketByExternalId, findTicketById, findTicketByUid, lockTicket, updateTicketColumns } from '../../db/ticketRepo';
import { parseEmail, type ParsedEmail } from '../../integrations/email/parseMail';
import { PermanentInboundError, type InboundEvent, type InboundOutcome } from '../../jobs/inboundTypes';
import type { OutboxDeps } from '../../jobs/outboxTypes';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import { LIFECYCLE_HOOKS } from '../lifecycle';
import { createTicket } from '../ticketService';
import { applyTransition } from '../ticketWorkflowService';
import { storeMailAttachments } from './mailAttachments';
import { EMAIL_ACTOR_NAME, queueReporterMail } from './reporterMail';

export interface StoredMailPayload {
  /** The raw RFC 822 message, base64. */
  raw: string;
  via: 'webhook' | 'imap';
}

const NOTE_MAX = 20_000;
export const EMAIL_ACTOR = { id: null, name: EMAIL_ACTOR_NAME, role: 'system' };

export function rawOf(event: InboundEvent): Buffer {
  const p = event.payload as Partial<StoredMailPayload> | null;
  if (!p || typeof p.raw !== 'string') throw new PermanentInboundError('The stored event holds no raw message');
  return Buffer.from(p.raw, 'base64');
}

/** The key a mail is known by: its Message-ID, or a digest of its bytes when it has none. */
export function mailKeyOf(messageId: string | null, raw: Buffer): string {
  return messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid>`;
}

const validEmail = (s: string | null) => (s && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 200 ? s : null);

async function threadTicket(ctx: ServiceContext, mail: ParsedEmail): Promise<Ticket | null> {
  const known = await findEmailMessages(ctx.db, [...mail.inReplyTo, ...mail.references]);
  for (const m of known) {
    // Every recorded message belongs to a ticket; a soft-deleted one is not found and the search goes on.
    const t = await findTicketById(ctx.db, m.ticketId as string);
    if (t) return t;
  }
  for (const uid of mail.uids) {
    const t = await findTicketByUid(ctx.db, uid);
    if (t) return t;
  }
  return null;
}

function noteBody(mail: ParsedEmail, files: { stored: string[]; skipped: string[] }): string {
  const parts = [mail.reply || '(no text)'];
  if (files.stored.length) parts.push(`Attached: ${files.stored.join(', ')}`);
  if (files.skipped.length) parts.push(`Not stored: ${files.skipped.join('; ')}`);
  return parts.join('\n\n').slice(0, NOTE_MAX);
}

export async function joinTicket(ctx: ServiceContext, ticket: Ticket, mail: ParsedEmail, key: string, event: InboundEvent, reopen = true): Promise<InboundOutcome> {
  const files = await storeMailAttachments(ctx, ticket.id, key, mail.attachments);
  const now = ctx.clock.now();
  const reopened = await ctx.db.transaction(async (tx) => {
    const already = (await findEmailMessages(tx, [key])).some((m) => m.direction === 'in' && m.ticketId === ticket.id);
    const t = (await lockTicket(tx, ticket.id)) as Ticket;
    if (already) return false;
    await insertNote(tx, { ticketId: t.id, noteType: 'external', channel: 'email', body: noteBody(mail, files), authorId: null, authorName: mail.fromName ?? (mail.fromAddress as string), at: now });
    await recordEmailMessage(tx, { messageId: key, ticketId: t.id, direction: 'in', inboundEventId: event.id, subject: mail.subject, at: now });
    await updateTicketColumns(tx, t.id, {}, now);
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'email_received', details: { messageId: key }, at: now });
    for (const hook of LIFECYCLE_HOOKS) await hook.onNoteAdded?.(tx, ctx, t, { noteType: 'external', channel: 'email', createdAt: now, direction: 'inbound' });
    if (!reopen || t.status !== 'resolved') return false;
    await applyTransition(tx, ctx, t, 'in_progress', { reason: 'The reporter replied by email', action: 'reopened' });
    return true;
  });
  ctx.log.info({ ticketUid: ticket.ticketUid, reopened }, 'mail joined its ticket');
  return { status: 'processed', ticketId: ticket.id };
}

export async function openTicket(ctx: ServiceContext, mail: ParsedEmail, key: string, event: InboundEvent, acknowledge = true): Promise<InboundOutcome> {
  let drNumber: string | null = mail.drNumbers[0] ?? null;
  for (const dr of mail.drNumbers) {
    if (await findDropByDr(ctx.db, dr)) {
      drNumber = dr;
      break;
    }
  }
  let ticket: Ticket;
  try {
    const created = await createTicket(ctx, {
      source: 'email', externalId: key.slice(0, 200), ticketType: 'fault', priority: 'medium', title: mail.title,
      description: (mail.reply || mail.text || '(no text)').slice(0, NOTE_MAX), drNumber,
      reporterName: mail.fromName?.slice(0, 200) ?? null, reporterEmail: validEmail(mail.fromAddress),
    });
    ticket = created;
  } catch (err) {
    // A retried event whose ticket was already opened: carry on with that ticket.
    if (!(err instanceof ConflictError)) throw err;
    ticket = (await findTicketByExternalId(ctx.db, 'email', key.slice(0, 200))) as Ticket;
  }
  await ctx.db.transaction(async (tx) => {
    await recordEmailMessage(tx, { messageId: key, ticketId: ticket.id, direction: 'in', inboundEventId: event.id, subject: mail.subject, at: ctx.clock.now() });
    if (acknowledge) await queueReporterMail(tx, ctx, ticket, 'ack', `email-ack:${ticket.id}`);
  });
  const files = await storeMailAttachments(ctx, ticket.id, key, mail.attachments);
  if (files.skipped.length) {
    await insertNote(ctx.db, { ticketId: ticket.id, noteType: 'system', channel: 'email', body: `Not stored: ${files.skipped.join('; ')}`.slice(0, NOTE_MAX), authorId: null, authorName: EMAIL_ACTOR_NAME, at: ctx.clock.now() });
  }
  return { status: 'processed', ticketId: ticket.id };
}

async function automatic(ctx: ServiceContext, mail: ParsedEmail, key: string): Promise<InboundOutcome> {
  const reason = mail.automatic as string;
  if (!mail.bounce) return { status: 'review', reason: `Automatic mail (${reason}): not opened, not answered` };
  const ours = (await findEmailMessages(ctx.db, [...mail.bouncedIds, ...mail.inReplyTo, ...mail.references])).filter((m) => m.direction === 'out');
  const failed = ours.filter((m) => m.notificationId);
  for (const m of failed) await markNotificationBounced(ctx.db, m.notificationId as string, `Bounced: ${mail.subject || reason}`.slice(0, 500));
  ctx.log.info({ mailKey: key, bounced: failed.length }, 'bounce received');
  return {
    status: 'review',
    ticketId: ours.find((m) => m.ticketId)?.ticketId ?? null,
    reason: failed.length ? `Bounce of our mail: ${failed.length} notification(s) marked failed` : `Bounce (${reason}) of no mail we know`,
  };
}

/** The inbound processor for source "email" (webhook and IMAP alike). */
export async function processEmailEvent(event: InboundEvent, deps: OutboxDeps): Promise<InboundOutcome> {
  const raw = rawOf(event);
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (err) {
    // mailparser and our own checks throw Error objects.
    throw new PermanentInboundError(`Unparseable mail: ${(err as Error).message}`);
  }
  const ctx: ServiceContext = { ...deps, user: EMAIL_ACTOR };
  const key = mailKeyOf(mail.messageId, raw);
  if (mail.fromAddress === mailAddressOf(deps.config.SMTP_FROM)) {
    return { status: 'ignored', reason: 'Our own mail came back (loop): ignored' };
  }
  if (mail.automatic) return automatic(ctx, mail, key);
  const ticket = await threadTicket(ctx, mail);
  return ticket ? joinTicket(ctx, ticket, mail, key, event) : openTicket(ctx, mail, key, event);
}

/** The bare address of a From header value ("Name <a@b>" -> a@b). */
export function mailAddressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1] : from).trim().toLowerCase();
}
