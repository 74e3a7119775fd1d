// Pure rules on a parsed mail: is it automatic (auto-reply, bounce, bulk), which of our UIDs, FT references and
// DR numbers it names, and the reply text without quoted history or signature.

/** Lower-cased header name -> its (first) value as text. */
export type HeaderMap = Record<string, string>;

/** Why a message is automatic (never opens, reopens or gets an answer), or null for a person's mail. */
export function automaticReason(h: HeaderMap, fromAddress: string | null, contentType: string): string | null {
  const auto = (h['auto-submitted'] ?? '').toLowerCase();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined) return 'X-Autoreply header';
  const suppress = (h['x-auto-response-suppress'] ?? '').toLowerCase();
  if (suppress && /\b(all|oof|autoreply|dr|ndr|rn|nrn)\b/.test(suppress)) return `X-Auto-Response-Suppress: ${suppress}`;
  const precedence = (h.precedence ?? '').toLowerCase();
  if (/^(bulk|junk|list|auto_reply)$/.test(precedence)) return `Precedence: ${precedence}`;
  if (h['list-id'] !== undefined || h['list-unsubscribe'] !== undefined) return 'mailing list (List-Id)';
  const local = (fromAddress ?? '').split('@')[0].toLowerCase();
  if (/^(mailer-daemon|postmaster)$/.test(local) || local.startsWith('owner-') || local.endsWith('-request')) return `sent by ${fromAddress}`;
  if (h['return-path'] !== undefined && /^<?\s*>?$/.test(h['return-path'].trim())) return 'empty Return-Path (a bounce)';
  if (/^multipart\/report/i.test(contentType)) return 'delivery or disposition report (multipart/report)';
  return null;
}

/** A bounce (delivery failure), as opposed to an out-of-office or a list mail. */
export function isBounce(h: HeaderMap, fromAddress: string | null, contentType: string): boolean {
  if (/^multipart\/report/i.test(contentType) && /delivery-status/i.test(contentType)) return true;
  const local = (fromAddress ?? '').split('@')[0].toLowerCase();
  return /^(mailer-daemon|postmaster)$/.test(local) || (h['return-path'] !== undefined && /^<?\s*>?$/.test(h['return-path'].trim()));
}

/** Message-IDs in a header value (In-Reply-To, References), in order, without duplicates. */
export function messageIds(value: string | string[] | undefined): string[] {
  const all = (Array.isArray(value) ? value.join(' ') : (value ?? '')).match(/<[^<>\s]+>/g) ?? [];
  return [...new Set(all)];
}

/** Our ticket UIDs named in a subject: EML-000123, FT490441, DR1734315-2, FF-000001, AH-000001. */
export function uidsInSubject(subject: string): string[] {
  const found = subject.toUpperCase().match(/\b(?:EML-\d{6,}|FF-\d{6,}|AH-\d{6,}|DR\d{7}-\d+|FT\d{3,12})\b/g) ?? [];
  return [...new Set(found)];
}

/** DR numbers (drops) named in text, first one first. */
export function drNumbers(text: string): string[] {
  return [...new Set((text.toUpperCase().match(/\bDR\s?(\d{7})\b/g) ?? []).map((m) => m.replace(/\s/, '')))];
}

const QUOTE_HEADER = [
  /^On .{3,200}wrote:\s*$/i,
  /^Op .{3,200}geskryf:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^From: .+$/i,
];

const SIGNATURE = [/^-- ?$/, /^Sent from my \w+/i, /^Get Outlook for /i];

/**
 * The part of a reply a person wrote: quoted lines ("> ...") and the history after a quote header are dropped, so is
 * the signature; text written below a quote (bottom-posting) stays. Falls back to the whole text when nothing is left.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (SIGNATURE.some((re) => re.test(line))) break;
    if (QUOTE_HEADER.some((re) => re.test(line.trim()))) {
      // A header followed by quoted lines is an attribution (bottom-posting may follow); otherwise history to the end.
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      if (next !== undefined && next.startsWith('>')) continue;
      if (/^From: /i.test(line.trim()) && !lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date|To|Subject):/i.test(l.trim()))) {
        kept.push(line);
        continue;
      }
      break;
    }
    if (line.startsWith('>')) continue;
    kept.push(line);
  }
  const out = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return out || text.trim();
}

/** A subject without reply/forward prefixes and our UID tag: what a ticket title should say. */
export function cleanSubject(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|antw)\s*(\[\d+\])?\s*:\s*/i, '').replace(/^\[[A-Z]{2,3}-?\d[\w-]*\]\s*/, '').trim();
    if (next === s) return s;
    s = next;
  }
}
