// A mail's attachments (inline images included) into the storage backend and ticket_attachments, under an upload's
// rules (mailFilePolicy: size, allowed types, sniffed content). Keys derive from the message and the part's position,
// so processing the same mail again stores nothing twice.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { getStorage } from '@/src/lib/storage';
import { insertMailAttachment } from '../../db/emailMessageRepo';
import { appendHistory } from '../../db/historyRepo';
import type { MailAttachment } from '../../integrations/email/parseMail';
import type { ServiceContext } from '../context';
import { judgeMailFile } from './mailFilePolicy';

export interface StoredMailFiles {
  stored: string[];
  skipped: string[];
}

export async function storeMailAttachments(ctx: ServiceContext, ticketId: string, mailKey: string, files: readonly MailAttachment[]): Promise<StoredMailFiles> {
  const out: StoredMailFiles = { stored: [], skipped: [] };
  const storage = getStorage(ctx.config);
  const max = ctx.config.ATTACHMENT_MAX_BYTES;
  for (const [i, f] of files.entries()) {
    const verdict = judgeMailFile(f, ctx.config.allowedAttachmentTypes, max);
    if (!verdict.keep) {
      out.skipped.push(verdict.reason);
      continue;
    }
    const storageKey = `tickets/${ticketId}/mail-${createHash('sha256').update(`${mailKey}\n${i}`).digest('hex').slice(0, 40)}`;
    const obj = await storage.put(storageKey, Readable.from([f.content]), { maxBytes: max });
    const now = ctx.clock.now();
    const id = randomUUID();
    const added = await ctx.db.transaction(async (tx) => {
      const ok = await insertMailAttachment(tx, { id, ticketId, storageKey, fileName: f.fileName, mimeType: verdict.mimeType, sizeBytes: obj.size, sha256: obj.sha256, at: now });
      if (ok) await appendHistory(tx, { ticketId, actor: ctx.user, action: 'attachment_added', newValue: f.fileName, details: { attachmentId: id, size: obj.size, via: 'email', inline: f.inline }, at: now });
      return ok;
    });
    if (added) out.stored.push(f.fileName);
  }
  return out;
}
