// Pure clean-up of a raw RFC 822 message before mailparser reads it: the things real mail does that the parser
// does not decode by itself (a leading mbox "From " line, raw 8-bit headers in a legacy charset, UTF-7 in encoded
// words and text parts, x-uuencode parts). Works on 'latin1' strings so every byte survives.
import iconv from 'iconv-lite';
import { uuDecode } from './uuencode';

const UTF7_WORD = /=\?(?:unicode-1-1-)?utf-7\?([QB])\?([^?]*)\?=/gi;

function utf8Base64Word(text: string): string {
  return `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Decodes a UTF-7 RFC 2047 encoded word (Q or B) into text. */
function decodeUtf7Word(enc: string, data: string): string {
  const bytes = enc.toUpperCase() === 'B'
    ? Buffer.from(data, 'base64')
    : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  return iconv.decode(bytes, 'utf7');
}

function isValidUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function paramOf(headerBlock: string, header: string, param: string): string | null {
  const h = new RegExp(`^${header}:([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, 'im').exec(headerBlock);
  if (!h) return null;
  const p = new RegExp(`${param}\\s*=\\s*"?([^";\\s]+)"?`, 'i').exec(h[1]);
  return p ? p[1] : null;
}

function headerValue(headerBlock: string, header: string): string | null {
  const h = new RegExp(`^${header}:\\s*([^\\n]*)`, 'im').exec(headerBlock);
  return h ? h[1].trim() : null;
}

/** Raw 8-bit bytes in a header block: decoded with the part's charset (or Windows-1252) and re-written as UTF-8. */
export function fixRawHeaders(headerBlock: string): string {
  const bytes = Buffer.from(headerBlock, 'latin1');
  let text: string;
  if (!/[\x80-\xff]/.test(headerBlock)) text = headerBlock;
  else if (isValidUtf8(bytes)) text = bytes.toString('utf8');
  else {
    const cs = paramOf(headerBlock, 'content-type', 'charset');
    text = iconv.decode(bytes, cs && iconv.encodingExists(cs) && !/utf-?8/i.test(cs) ? cs : 'windows-1252');
  }
  text = text.replace(UTF7_WORD, (_m, enc: string, data: string) => utf8Base64Word(decodeUtf7Word(enc, data)));
  return Buffer.from(text, 'utf8').toString('latin1');
}

function decodeTransfer(body: string, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (cte === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function setHeader(headerBlock: string, name: string, value: string): string {
  const re = new RegExp(`^${name}:[^\\n]*(?:\\n[ \\t][^\\n]*)*`, 'im');
  if (re.test(headerBlock)) return headerBlock.replace(re, `${name}: ${value}\r`);
  const body = headerBlock.replace(/(\r\n)+$/, '');
  return `${body}\r\n${name}: ${value}${headerBlock.slice(body.length)}`;
}

/** Rewrites one leaf part: UTF-7 text becomes UTF-8, an x-uuencode body becomes base64. */
function rewriteLeaf(head: string, body: string): { head: string; body: string } {
  const cte = (headerValue(head, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = paramOf(head, 'content-type', 'charset');
  if (/^(x-)?uu(encode)?$|^x-uue$/.test(cte)) {
    const file = uuDecode(body);
    const name = file?.name ?? paramOf(head, 'content-type', 'name') ?? 'attachment';
    let h = setHeader(head, 'Content-Transfer-Encoding', 'base64');
    if (!/^content-disposition:/im.test(h)) h = setHeader(h, 'Content-Disposition', `attachment; filename="${name}"`);
    return { head: h, body: `${base64Lines(file?.data ?? Buffer.alloc(0))}\r\n` };
  }
  if (charset && /^(unicode-1-1-)?utf-?7$/i.test(charset)) {
    const text = iconv.decode(decodeTransfer(body, cte), 'utf7');
    let h = head.replace(/charset\s*=\s*"?(unicode-1-1-)?utf-?7"?/i, 'charset=utf-8');
    h = setHeader(h, 'Content-Transfer-Encoding', 'base64');
    return { head: h, body: `${base64Lines(Buffer.from(text, 'utf8'))}\r\n` };
  }
  return { head, body };
}

/** Walks the MIME tree (headers + body, multiparts by boundary) and rewrites what needs it. */
function rewritePart(part: string, depth: number): string {
  const split = /\r?\n\r?\n/.exec(part);
  if (!split) return fixRawHeaders(part);
  const head = fixRawHeaders(part.slice(0, split.index + split[0].length));
  const body = part.slice(split.index + split[0].length);
  const boundary = /^content-type:\s*multipart\//im.test(head) ? paramOf(head, 'content-type', 'boundary') : null;
  if (!boundary || depth > 20) {
    const leaf = rewriteLeaf(head, body);
    return leaf.head + leaf.body;
  }
  const delim = `--${boundary}`;
  const pieces = body.split(new RegExp(`^${delim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  const out = pieces.map((p, i) => {
    if (i === 0 || p.startsWith('--')) return p;
    const lead = /^[ \t]*\r?\n/.exec(p);
    return lead ? lead[0] + rewritePart(p.slice(lead[0].length), depth + 1) : p;
  });
  return head + out.join(delim);
}

/** The raw message as mailparser should see it. */
export function normaliseRawMail(raw: Buffer): Buffer {
  let s = raw.toString('latin1');
  if (s.startsWith('From ')) s = s.slice(s.indexOf('\n') + 1);
  // Mixed line endings: one CRLF per line (a lone CR or LF, or a CRLF, becomes CRLF).
  s = s.replace(/\r\n|\r|\n/g, '\r\n');
  return Buffer.from(rewritePart(s, 0), 'latin1');
}
