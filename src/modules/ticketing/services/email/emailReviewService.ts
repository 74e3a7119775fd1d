// A person settles mail the intake set aside (automatic, unparseable, ignored): open it as a ticket, or link it to a
// ticket as an external note. Mail that cannot be parsed still becomes readable text. No acknowledgement is sent.
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import { findInboundEvent, settleInboundEvent, type InboundEvent } from '../../db/inboundRepo';
import { findTicketById } from '../../db/ticketRepo';
import { parseEmail, type ParsedEmail } from '../../integrations/email/parseMail';
import type { EmailReviewBody } from '../../types/email';
import type { ServiceContext } from '../context';
import { findVisibleTicket } from '../ticketAccess';
import { joinTicket, mailKeyOf, openTicket, rawOf } from './emailIntakeService';

const SETTLEABLE = ['review', 'ignored', 'failed', 'dead'];

/** The mail as intake reads it, or, when it cannot be parsed, its raw text as the body. */
export async function readableMail(raw: Buffer, event: InboundEvent): Promise<ParsedEmail> {
  try {
    return await parseEmail(raw);
  } catch {
    // eslint-disable-next-line no-control-regex
    const text = raw.toString('latin1').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').slice(0, 20_000) || '(empty message)';
    return {
      messageId: null, fromAddress: null, fromName: 'Unknown sender', subject: `Unreadable mail ${event.externalId}`.slice(0, 300),
      title: `Unreadable mail ${event.externalId}`.slice(0, 300), text, reply: text, date: null, inReplyTo: [], references: [], uids: [],
      drNumbers: [], attachments: [], automatic: null, bounce: false, bouncedIds: [],
    };
  }
}

export async function settleEmail(ctx: ServiceContext, body: EmailReviewBody): Promise<InboundEvent> {
  const event = await findInboundEvent(ctx.db, body.id);
  if (!event || event.source !== 'email') throw new NotFoundError('Email');
  if (!SETTLEABLE.includes(event.status)) throw new ConflictError(`This mail is ${event.status}; only mail set aside for review can be opened or linked`, { status: event.status });
  const p = event.payload as { raw?: unknown } | null;
  if (typeof p?.raw !== 'string') throw new UnprocessableError('This event holds no raw message to open or link');
  const raw = rawOf(event);
  const mail = await readableMail(raw, event);
  const key = mailKeyOf(mail.messageId, raw);
  const outcome =
    body.action === 'open'
      ? await openTicket(ctx, mail, key, event, false)
      : await joinTicket(ctx, await findVisibleTicket(ctx.db, ctx.user, body.ticket), mail, key, event, false);
  const ticket = await findTicketById(ctx.db, outcome.ticketId as string);
  const verb = body.action === 'open' ? 'Opened as' : 'Linked to';
  await settleInboundEvent(ctx.db, event.id, { status: 'processed', ticketId: outcome.ticketId, note: `${verb} ${ticket?.ticketUid} by ${ctx.user.name}` }, ctx.clock.now());
  ctx.log.info({ inboundId: event.id, action: body.action, ticketUid: ticket?.ticketUid }, 'mail settled from review');
  return (await findInboundEvent(ctx.db, event.id)) as InboundEvent;
}
