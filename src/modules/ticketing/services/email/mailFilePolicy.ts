// Pure: whether a mail's attachment may be kept, under the same rules as an upload (allowed types, content that
// matches its type, the size limit). Mail often labels files application/octet-stream (and uuencoded files have no
// type at all), so such a part takes the type its file name says before it is checked.
import { contentMatchesType } from '../fileSniff';

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf',
  txt: 'text/plain', log: 'text/plain', csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ogg: 'audio/ogg', opus: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', mp4: 'video/mp4',
};

const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream', 'application/x-download', '']);

/** The type to judge a part by: its declared type, or the one its extension names when the declared one is generic. */
export function effectiveMailType(fileName: string, declared: string): string {
  const type = declared.split(';')[0].trim().toLowerCase();
  if (!GENERIC.has(type)) return type;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || type || 'application/octet-stream';
}

export type MailFileVerdict = { keep: true; mimeType: string } | { keep: false; reason: string };

/** Keep a part, or say in words why it was not kept (the reason goes on the ticket's note). */
export function judgeMailFile(f: { fileName: string; mimeType: string; content: Buffer }, allowedTypes: readonly string[], maxBytes: number): MailFileVerdict {
  const mimeType = effectiveMailType(f.fileName, f.mimeType);
  if (f.content.length > maxBytes) return { keep: false, reason: `${f.fileName} (${f.content.length} bytes, over the ${maxBytes}-byte limit)` };
  if (!allowedTypes.includes(mimeType)) return { keep: false, reason: `${f.fileName} (type ${mimeType} is not allowed)` };
  if (!contentMatchesType(f.content.subarray(0, 64), mimeType)) return { keep: false, reason: `${f.fileName} (its content is not really ${mimeType})` };
  return { keep: true, mimeType };
}
