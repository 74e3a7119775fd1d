// Reads a raw RFC 822 message with mailparser (after rawMail's clean-up) into what intake needs: sender, subject,
// the reply text, attachments (inline images included), threading ids, whether it is automatic, and for a bounce
// the Message-IDs of the mail it bounces.
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { automaticReason, cleanSubject, drNumbers, isBounce, messageIds, replyText, uidsInSubject, type HeaderMap } from './mailRules';
import { normaliseRawMail } from './rawMail';
import { extractUuBlocks } from './uuencode';

export interface MailAttachment {
  fileName: string;
  mimeType: string;
  content: Buffer;
  inline: boolean;
}

export interface ParsedEmail {
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  title: string;
  /** The whole text (HTML turned into text when there is no text part). */
  text: string;
  /** What the sender wrote, without quoted history and signature. */
  reply: string;
  date: Date | null;
  inReplyTo: string[];
  references: string[];
  uids: string[];
  drNumbers: string[];
  attachments: MailAttachment[];
  automatic: string | null;
  bounce: boolean;
  /** For a bounce: the Message-IDs of the returned message (from its attached headers). */
  bouncedIds: string[];
}

export class UnparseableMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnparseableMailError';
  }
}

/** Header name -> raw value (first occurrence), from the header lines as sent (after RFC 2047 decoding of values). */
function headerMap(lines: readonly { key: string; line: string }[]): HeaderMap {
  const out: HeaderMap = {};
  for (const { key, line } of lines) {
    const k = key.toLowerCase();
    if (out[k] === undefined) out[k] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return out;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const v = list.flatMap((x) => x.value)[0];
  return { address: v?.address ? v.address.toLowerCase() : null, name: v?.name || null };
}

/** Message-IDs named by the returned message inside a bounce (message/rfc822 or text/rfc822-headers part). */
function returnedIds(raw: string, attachments: Attachment[]): string[] {
  const sources = attachments
    .filter((a) => /rfc822|delivery-status/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'));
  sources.push(raw);
  const ids: string[] = [];
  for (const s of sources) for (const m of s.matchAll(/^(?:Message-ID|X-FibreFlow-Message-ID):\s*(<[^>\s]+>)/gim)) ids.push(m[1]);
  return [...new Set(ids)];
}

const contentTypeOf = (h: HeaderMap) => (h['content-type'] ?? 'text/plain').toLowerCase();

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (raw.length === 0) throw new UnparseableMailError('empty message');
  const cleaned = normaliseRawMail(raw);
  const head = cleaned.toString('latin1').split('\r\n\r\n')[0];
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(head)) throw new UnparseableMailError('no RFC 822 header block');
  const p = await simpleParser(cleaned, { skipTextToHtml: true, skipTextLinks: true });
  const h = headerMap(p.headerLines);
  const from = firstAddress(p.from);
  if (!from.address) throw new UnparseableMailError('no sender address (From)');
  const uu = extractUuBlocks(p.text ?? '');
  const text = uu.text.trim();
  const subject = (p.subject ?? '').trim();
  const ct = contentTypeOf(h);
  const automatic = automaticReason(h, from.address, ct);
  const bounce = automatic !== null && isBounce(h, from.address, ct);
  const attachments: MailAttachment[] = [
    ...p.attachments
      .filter((a) => !/^(message\/delivery-status|message\/rfc822|text\/rfc822-headers|message\/disposition-notification)/i.test(a.contentType))
      .map((a, i) => ({ fileName: a.filename ?? `attachment-${i + 1}`, mimeType: a.contentType.toLowerCase(), content: a.content, inline: a.contentDisposition === 'inline' || Boolean(a.cid) })),
    ...uu.files.map((f) => ({ fileName: f.name, mimeType: 'application/octet-stream', content: f.data, inline: false })),
  ];
  return {
    messageId: p.messageId ?? null,
    fromAddress: from.address,
    fromName: from.name,
    subject,
    title: (cleanSubject(subject) || '(no subject)').slice(0, 300),
    text,
    reply: replyText(text),
    date: p.date ?? null,
    inReplyTo: messageIds(p.inReplyTo),
    references: messageIds(p.references),
    uids: uidsInSubject(subject),
    drNumbers: drNumbers(`${subject}\n${text}`),
    attachments,
    automatic,
    bounce,
    bouncedIds: bounce ? returnedIds(cleaned.toString('utf8').split('\r\n\r\n').slice(1).join('\n'), p.attachments) : [],
  };
}
