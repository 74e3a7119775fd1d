// Brings a received message's media into our storage: downloaded from WAHA with its API key, through the storage
// backend, with the same size limit, allowed types and content sniffing as an upload. A file WAHA could not fetch,
// or one we refuse, comes back as a reason for the note; a WAHA outage throws, so the event is retried.
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AppConfig } from '@/src/lib/config';
import { getStorage, ObjectTooLargeError } from '@/src/lib/storage';
import { contentMatchesType } from '../../services/fileSniff';
import { WahaError, wahaDownloadMedia } from '../notify/wahaClient';
import type { MediaRef } from './messageParser';

export interface StoredMedia {
  ok: true;
  storageKey: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}
export type MediaOutcome = StoredMedia | { ok: false; reason: string; mimeType: string | null; fileName: string | null };

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'application/pdf': 'pdf', 'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'video/mp4': 'mp4', 'text/plain': 'txt',
};

export function mediaFileName(mimeType: string, given: string | null, messageKey: string): string {
  if (given) return given.replace(/[/\\]/g, '_').slice(0, 200);
  return `whatsapp-${messageKey.replace(/[^\w-]/g, '').slice(0, 40)}.${EXT[mimeType] ?? 'bin'}`;
}

class SniffError extends Error {}

export async function fetchMediaToStorage(config: AppConfig, media: MediaRef | null, messageKey: string): Promise<MediaOutcome> {
  const mimeType = (media?.mimetype ?? '').split(';')[0].trim().toLowerCase() || null;
  const fileName = mimeType ? mediaFileName(mimeType, media?.filename ?? null, messageKey) : media?.filename ?? null;
  const refuse = (reason: string): MediaOutcome => ({ ok: false, reason, mimeType, fileName });
  if (!media || !media.url) return refuse(`WhatsApp could not fetch this media${media?.error ? ` (${media.error})` : ''}`);
  if (!mimeType || !config.allowedAttachmentTypes.includes(mimeType)) return refuse(`Attachment not kept: type ${mimeType ?? 'unknown'} is not allowed`);
  let download;
  try {
    download = await wahaDownloadMedia(config, media.url);
  } catch (err) {
    // A 4xx means the file is gone (WAHA keeps media for a while); anything else may pass: retry the event.
    if (err instanceof WahaError && err.permanent) return refuse(`WhatsApp media could not be downloaded (${err.message})`);
    throw err;
  }
  if (download.length !== null && download.length > config.ATTACHMENT_MAX_BYTES) {
    await download.body.cancel();
    return refuse(`Attachment not kept: larger than ${config.ATTACHMENT_MAX_BYTES} bytes`);
  }
  let checked = false;
  const sniff = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!checked) {
        checked = true;
        if (!contentMatchesType(chunk, mimeType)) return done(new SniffError(`content is not really ${mimeType}`));
      }
      done(null, chunk);
    },
  });
  const storage = getStorage(config);
  const storageKey = `whatsapp/${randomUUID()}`;
  const source = Readable.fromWeb(download.body as unknown as NodeReadableStream<Uint8Array>);
  source.on('error', (e) => sniff.destroy(e));
  // Bytes flow before storage.put's pipeline is attached (it creates the directory first): keep an early refusal
  // from being an uncaught 'error'; the pipeline still sees the stream errored and rejects with it.
  sniff.on('error', () => source.destroy());
  try {
    const obj = await storage.put(storageKey, source.pipe(sniff), { maxBytes: config.ATTACHMENT_MAX_BYTES });
    return { ok: true, storageKey, fileName: fileName as string, mimeType, size: obj.size, sha256: obj.sha256 };
  } catch (err) {
    await storage.delete(storageKey);
    if (err instanceof ObjectTooLargeError) return refuse(`Attachment not kept: larger than ${config.ATTACHMENT_MAX_BYTES} bytes`);
    if (err instanceof SniffError) return refuse(`Attachment not kept: ${err.message}`);
    throw err;
  }
}
