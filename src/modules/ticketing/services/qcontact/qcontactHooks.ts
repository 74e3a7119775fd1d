// When our side changes a QContact ticket (status, external note), queue the write-back in the same transaction.
// Changes the sync made as "QContact" are never queued: no ping-pong.
import { enqueueOutbox } from '../../db/outboxRepo';
import { findLinkByTicketId } from '../../db/qcontactRepo';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import type { TicketLifecycleHook } from '../lifecycle';
import { isQcontactActor } from './qcontactActor';

export interface QcontactStatusPayload {
  ticketId: string;
  caseId: string;
  status: string;
}

export interface QcontactNotePayload {
  ticketId: string;
  caseId: string;
  noteId: string;
  body: string;
  author: string;
}

export const qcontactHooks: TicketLifecycleHook = {
  name: 'qcontact',
  async onStatusChanged(tx, ctx, ticket, event) {
    if (isQcontactActor(ctx.user)) return;
    const link = await findLinkByTicketId(tx, ticket.id);
    if (!link) return;
    const payload: QcontactStatusPayload = { ticketId: ticket.id, caseId: link.caseId, status: event.to };
    await enqueueOutbox(tx, {
      kind: OUTBOX_KINDS.qcontactStatus, payload, ticketId: ticket.id, runAt: ctx.clock.now(),
      idempotencyKey: `qcontact.status:${ticket.id}:${ticket.version}:${event.to}`,
    });
  },
  async onNoteAdded(tx, ctx, ticket, event) {
    if (isQcontactActor(ctx.user) || event.noteType !== 'external' || !event.noteId || !event.body) return;
    const link = await findLinkByTicketId(tx, ticket.id);
    if (!link) return;
    const payload: QcontactNotePayload = { ticketId: ticket.id, caseId: link.caseId, noteId: event.noteId, body: event.body, author: ctx.user.name };
    await enqueueOutbox(tx, { kind: OUTBOX_KINDS.qcontactNote, payload, ticketId: ticket.id, runAt: ctx.clock.now(), idempotencyKey: `qcontact.note:${event.noteId}` });
  },
};
