// Pure WhatsApp self-service: "status" / "status DR1234567" (English or Afrikaans, any case) answered with the
// state of the chat's own open tickets. A ticket is shown only to the chat whose phone reported it.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export type Lang = 'en' | 'af';

export interface StatusRequest {
  lang: Lang;
  drNumber: string | null;
}

export interface SelfServiceTicket {
  ticketUid: string;
  status: string;
  drNumber: string | null;
  reporterPhone: string | null;
  createdAt: string;
  /** The technician's expected arrival, when set. */
  etaAt?: string | null;
  deletedAt?: string | null;
}

export interface SelfServiceInput<T extends SelfServiceTicket = SelfServiceTicket> {
  text: string;
  /** The chat's phone: a WAHA chat id (27821234567@c.us), +27 82 123 4567 or 082 123 4567. */
  chatPhone: string;
  /** Candidate tickets (e.g. the open tickets of this phone or drop); anything not reported by this phone is never shown. */
  tickets: readonly T[];
  timeZone: string;
}

const OPEN = new Set(['new', 'triaged', 'assigned', 'in_progress', 'blocked', 'pending_approval']);

const STATUS_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    new: 'received, waiting to be looked at', triaged: 'checked, waiting for a technician', assigned: 'a technician has been assigned',
    in_progress: 'a technician is working on it', blocked: 'on hold, waiting on something outside our control',
    pending_approval: 'waiting for approval of the cost',
  },
  af: {
    new: 'ontvang, wag om nagegaan te word', triaged: 'nagegaan, wag vir \u2019n tegnikus', assigned: '\u2019n tegnikus is toegewys',
    in_progress: '\u2019n tegnikus werk daaraan', blocked: 'tydelik gestaak, wag op iets buite ons beheer',
    pending_approval: 'wag vir goedkeuring van die koste',
  },
};

// "status", "status DR1234567", "stand?", "status asb", "wat is die stand van DR1234567", "what is the status".
const REQUEST = /^(?:(what(?:'s| is) the|wat is die)\s+)?(status|stand|vordering)(?:\s+(asb|asseblief|please|pls|van|of|for|vir))?(?:\s+(dr\s*\d{7}))?(?:\s+(asb|asseblief|please|pls))?\s*[?.!]*$/i;
const AF_WORDS = new Set(['stand', 'vordering', 'asb', 'asseblief', 'van', 'vir', 'wat is die']);

/** The request in a message, or null when the message is something else. */
export function parseStatusRequest(text: string): StatusRequest | null {
  const m = REQUEST.exec(text.trim().replace(/\s+/g, ' '));
  if (!m) return null;
  const words = [m[1], m[2], m[3], m[5]].filter(Boolean).map((w) => w.toLowerCase());
  const lang: Lang = words.some((w) => AF_WORDS.has(w)) ? 'af' : 'en';
  return { lang, drNumber: m[4] ? m[4].toUpperCase().replace(/\s+/g, '') : null };
}

/** South African numbers in one form: 27 and nine digits (0821234567, +27 82 123 4567, 27821234567@c.us). */
export function normalisePhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.split('@')[0].replace(/\D/g, '');
  if (/^0\d{9}$/.test(digits)) return `27${digits.slice(1)}`;
  return digits.length >= 9 ? digits : null;
}

function eta(at: string, lang: Lang, timeZone: string): string {
  const local = new TZDate(new Date(at).getTime(), timeZone);
  const when = format(local, 'd/MM HH:mm');
  return lang === 'af' ? ` Verwagte aankoms van die tegnikus: ${when}.` : ` Technician expected: ${when}.`;
}

function howToReport(lang: Lang, drNumber: string | null): string {
  const dr = drNumber ? (lang === 'af' ? ` vir ${drNumber}` : ` for ${drNumber}`) : '';
  return lang === 'af'
    ? `Ons kon geen oop kaartjie van hierdie nommer${dr} vind nie. Om \u2019n fout aan te meld, stuur jou DR-nommer (bv. DR1234567) en beskryf die probleem.`
    : `We could not find an open ticket from this number${dr}. To report a fault, send your DR number (e.g. DR1234567) and describe the problem.`;
}

/** The forms a reporter phone may be stored in for this normalised phone (27821234567 and 0821234567), as digits. */
export function phoneDigitForms(phone: string): string[] {
  return /^27\d{9}$/.test(phone) ? [phone, `0${phone.slice(2)}`] : [phone];
}

export interface SelfServiceAnswer<T extends SelfServiceTicket = SelfServiceTicket> {
  request: StatusRequest;
  text: string;
  /** The chat's own open tickets the answer is about (newest first); empty for the how-to-report reply. */
  tickets: T[];
}

/** The answer to a status request, or null when the message is something else (the caller handles it as usual). */
export function answerSelfService<T extends SelfServiceTicket>(input: SelfServiceInput<T>): SelfServiceAnswer<T> | null {
  const req = parseStatusRequest(input.text);
  return req ? answerStatusRequest(req, input) : null;
}

/** The answer to a request already parsed from the message. */
export function answerStatusRequest<T extends SelfServiceTicket>(req: StatusRequest, input: Omit<SelfServiceInput<T>, 'text'>): SelfServiceAnswer<T> {
  const phone = normalisePhone(input.chatPhone);
  const mine = input.tickets
    .filter((t) => phone !== null && normalisePhone(t.reporterPhone) === phone)
    .filter((t) => !t.deletedAt && OPEN.has(t.status))
    .filter((t) => req.drNumber === null || t.drNumber === req.drNumber)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { request: req, text: replyText(req, mine, input.timeZone), tickets: mine };
}

/** The reply to send, or null when the message is not a status request. */
export function buildSelfServiceReply(input: SelfServiceInput): string | null {
  return answerSelfService(input)?.text ?? null;
}

function replyText(req: StatusRequest, mine: SelfServiceTicket[], timeZone: string): string {
  if (mine.length === 0) return howToReport(req.lang, req.drNumber);
  const lines = mine.slice(0, 3).map((t) => {
    const words = STATUS_WORDS[req.lang][t.status];
    const label = req.lang === 'af' ? 'Kaartjie' : 'Ticket';
    return `${label} ${t.ticketUid}${t.drNumber && !t.ticketUid.startsWith(t.drNumber) ? ` (${t.drNumber})` : ''}: ${words}.${t.etaAt ? eta(t.etaAt, req.lang, timeZone) : ''}`;
  });
  if (mine.length > 3) lines.push(req.lang === 'af' ? `En nog ${mine.length - 3} oop kaartjie(s).` : `And ${mine.length - 3} more open ticket(s).`);
  return lines.join('\n');
}
