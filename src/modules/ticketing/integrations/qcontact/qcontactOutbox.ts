// Outbox handlers that tell QContact what our side changed. Status: read the case first (QContact changed it since
// our last sync? then QContact wins and the case is applied here), PATCH {fields: {status}} with the write value,
// then read it back to confirm it took. External note: a Note, or appended to c__update when Note is refused (403).
// 5xx and timeouts are retried by the outbox; other 4xx are permanent and shown on the ticket.
import { z } from 'zod';
import { findLinkByTicketId, loadMappings, recordWriteBack } from '../../db/qcontactRepo';
import { findTicketById } from '../../db/ticketRepo';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxDeps, type OutboxHandler } from '../../jobs/outboxTypes';
import { upsertCase } from '../../services/qcontact/caseUpsert';
import { caseStatusLabel, statusTook } from './caseMapping';
import { QcontactError, type QcontactClient } from './qcontactClient';
import { qcontactClientFromConfig } from './qcontactConfig';

const statusPayload = z.object({ ticketId: z.uuid(), caseId: z.string().min(1), status: z.string().min(1) });
const notePayload = z.object({ ticketId: z.uuid(), caseId: z.string().min(1), noteId: z.string().min(1), body: z.string().min(1), author: z.string() });

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const r = schema.safeParse(payload);
  if (!r.success) throw new PermanentOutboxError(`Invalid QContact payload: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return r.data;
}

function clientOrRetry(deps: OutboxDeps): QcontactClient {
  const client = qcontactClientFromConfig(deps.config);
  // Not configured yet: an operator can set it, so the item waits and is retried rather than dead.
  if (!client) throw new Error('QContact is not configured (QCONTACT_URL, QCONTACT_EMAIL, QCONTACT_PASSWORD, QCONTACT_ASSIGNEE_ID)');
  return client;
}

/** A refusal retrying cannot fix becomes permanent (dead, shown on the ticket); the rest is retried with backoff. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof QcontactError && !err.retryable) throw Object.assign(new PermanentOutboxError(err.message), { response: err.response });
    throw err;
  }
}

export const deliverQcontactStatus: OutboxHandler = async (item, deps) => {
  const p = parse(statusPayload, item.payload);
  const client = clientOrRetry(deps);
  const ticket = await findTicketById(deps.db, p.ticketId);
  if (!ticket) return { skipped: 'the ticket no longer exists' };
  // A later change queued its own item; writing this one now would move QContact backwards.
  if (ticket.status !== p.status) return { skipped: `superseded: the ticket is now ${ticket.status}` };
  const value = (await loadMappings(deps.db)).outbound[p.status] ?? null;
  if (!value) return { skipped: `no QContact write value for status ${p.status}` };
  const link = await findLinkByTicketId(deps.db, p.ticketId);
  if (!link) throw new PermanentOutboxError(`Ticket ${ticket.ticketUid} is not linked to a QContact case`);
  return guarded(async () => {
    const before = await client.getCase(p.caseId);
    const label = caseStatusLabel(before);
    if (link.statusLabel !== null && label !== link.statusLabel && !statusTook(label, value)) {
      // Both sides changed the status since the last sync: QContact's value wins (the upsert notes the conflict).
      await upsertCase(deps, before, await client.getEvents(p.caseId));
      return { conflict: true, qcontactStatus: label, kept: 'qcontact' };
    }
    const unchangedElsewhere = before.updated_at === link.caseUpdatedAt;
    if (statusTook(label, value)) {
      await recordWriteBack(deps.db, p.ticketId, { statusLabel: label, syncedStatus: p.status, caseUpdatedAt: unchangedElsewhere ? before.updated_at : null, at: deps.clock.now() });
      return { alreadySet: value };
    }
    await client.updateCase(p.caseId, { status: value });
    const after = await client.getCase(p.caseId);
    const shown = caseStatusLabel(after);
    if (!statusTook(shown, value)) throw new Error(`QContact answered the update but still shows status "${shown}" instead of ${value}`);
    // Our own change comes back in the next sync as this label: recorded now, so it does not bounce back.
    await recordWriteBack(deps.db, p.ticketId, { statusLabel: shown, syncedStatus: p.status, caseUpdatedAt: unchangedElsewhere ? after.updated_at : null, at: deps.clock.now() });
    return { written: value, confirmed: shown };
  });
};

export const deliverQcontactNote: OutboxHandler = async (item, deps) => {
  const p = parse(notePayload, item.payload);
  const client = clientOrRetry(deps);
  const text = `${p.author}: ${p.body}`;
  return guarded(async () => {
    try {
      await client.addNote(p.caseId, text, true);
      return { via: 'note' };
    } catch (err) {
      if (!(err instanceof QcontactError && err.status === 403)) throw err;
    }
    // Our account may not post Notes: the working fallback is the case's update field.
    await client.updateCase(p.caseId, { c__update: text });
    const after = await client.getCase(p.caseId);
    if (after.fields.c__update !== text) throw new Error('QContact answered the c__update write but the case does not show the note');
    return { via: 'c__update' };
  });
};

export const qcontactOutboxHandlers: Record<string, OutboxHandler> = {
  [OUTBOX_KINDS.qcontactStatus]: deliverQcontactStatus,
  [OUTBOX_KINDS.qcontactNote]: deliverQcontactNote,
};
