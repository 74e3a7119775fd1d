// Attachments: stream an upload into storage (size, type and content checked, sha256 kept), list, download.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '@/src/lib/api/errors';
import { readSingleFile } from '@/src/lib/api/multipart';
import { getStorage, ObjectTooLargeError } from '@/src/lib/storage';
import { appendHistory } from '../db/historyRepo';
import { findAttachment, insertAttachment, listAttachments, type AttachmentRow } from '../db/attachmentRepo';
import { updateTicketColumns } from '../db/ticketRepo';
import type { ServiceContext } from './context';
import { contentMatchesType } from './fileSniff';
import { findVisibleTicket } from './ticketAccess';

/** Passes bytes through, failing the stream when the first bytes contradict the declared type. */
function sniffer(mimeType: string): Transform {
  let checked = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!checked) {
        checked = true;
        if (!contentMatchesType(chunk, mimeType)) return done(new UnsupportedMediaTypeError(`a file whose content is really ${mimeType}`));
      }
      done(null, chunk);
    },
  });
}

export async function uploadAttachment(ctx: ServiceContext, idOrUid: string, req: IncomingMessage): Promise<AttachmentRow> {
  const ticket = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  const storage = getStorage(ctx.config);
  const id = randomUUID();
  const storageKey = `tickets/${ticket.id}/${id}`;
  const limits = { maxBytes: ctx.config.ATTACHMENT_MAX_BYTES, allowedTypes: ctx.config.allowedAttachmentTypes };
  const stored = await readSingleFile(req, limits, async (file: Readable, info) => {
    const checked = file.pipe(sniffer(info.mimeType));
    file.on('error', (e) => checked.destroy(e));
    // When the check fails, keep draining the upload so the multipart parser can finish and we can answer.
    checked.on('error', () => {
      file.unpipe(checked);
      file.resume();
    });
    try {
      const obj = await storage.put(storageKey, checked, { maxBytes: limits.maxBytes });
      return { ...obj, ...info };
    } catch (err) {
      await storage.delete(storageKey);
      if (err instanceof ObjectTooLargeError) throw new PayloadTooLargeError(limits.maxBytes);
      throw err;
    }
  });
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction(async (tx) => {
      await insertAttachment(tx, { id, ticketId: ticket.id, storageKey, fileName: stored.fileName, mimeType: stored.mimeType, sizeBytes: stored.size, sha256: stored.sha256, uploadedBy: ctx.user.id, at: now });
      await updateTicketColumns(tx, ticket.id, {}, now);
      await appendHistory(tx, { ticketId: ticket.id, actor: ctx.user, action: 'attachment_added', newValue: stored.fileName, details: { attachmentId: id, size: stored.size }, at: now });
    });
  } catch (err) {
    await storage.delete(storageKey);
    throw err;
  }
  return (await findAttachment(ctx.db, ticket.id, id)) as AttachmentRow;
}

export async function getAttachments(ctx: ServiceContext, idOrUid: string): Promise<AttachmentRow[]> {
  const ticket = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  return listAttachments(ctx.db, ticket.id);
}

export async function openAttachment(ctx: ServiceContext, idOrUid: string, attachmentId: string): Promise<{ meta: AttachmentRow; body: Readable }> {
  const ticket = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  const meta = await findAttachment(ctx.db, ticket.id, attachmentId);
  if (!meta) throw new NotFoundError('Attachment');
  return { meta, body: await getStorage(ctx.config).get(meta.storageKey) };
}
