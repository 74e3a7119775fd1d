// Pure WhatsApp message rules: DR extraction, a ticket-type guess from intent words, phone and group from chat ids,
// and the shape of WAHA's message payloads (keys often absent; engines differ). No I/O.
import type { TicketPriority, TicketType } from '../../types/enums';

/** `DR` + 7 digits anywhere, any case, with or without a space ("dr 1734472", "DR1734472"). */
export function extractDr(text: string | null | undefined): string | null {
  const m = /(?:^|[^a-z0-9])dr\s?(\d{7})(?!\d)/i.exec(text ?? '');
  return m ? `DR${m[1]}` : null;
}

export interface TypeGuess {
  ticketType: TicketType;
  category: string | null;
  priority: TicketPriority;
}

const INTENTS: { re: RegExp; category: string; priority?: TicketPriority }[] = [
  { re: /\bfib(?:re|er)\s*cut\b/i, category: 'Fibre cut', priority: 'high' },
  { re: /\bred\s*light\b/i, category: 'Red light on ONT' },
  { re: /\blos\b/i, category: 'LOS (loss of signal)' },
  { re: /\bno\s*signal\b/i, category: 'No signal' },
  { re: /\b(?:no|geen)\s*internet\b/i, category: 'No internet' },
  { re: /\brouter\b/i, category: 'Router' },
];

/** A fault with a category when the text names a known symptom; otherwise a query. */
export function guessTicketType(text: string | null | undefined): TypeGuess {
  for (const i of INTENTS) if (i.re.test(text ?? '')) return { ticketType: 'fault', category: i.category, priority: i.priority ?? 'medium' };
  return { ticketType: 'query', category: null, priority: 'medium' };
}

export type ChatKind = 'person' | 'group' | 'lid' | 'other';

export function chatKind(chatId: string | null | undefined): ChatKind {
  if (!chatId) return 'other';
  if (chatId.endsWith('@c.us') || chatId.endsWith('@s.whatsapp.net')) return 'person';
  if (chatId.endsWith('@g.us')) return 'group';
  if (chatId.endsWith('@lid')) return 'lid';
  return 'other';
}

/** International digits of a person's chat id (`27821234567@c.us` -> `27821234567`); null for groups and lids. */
export function phoneFromChatId(chatId: string | null | undefined): string | null {
  if (chatKind(chatId) !== 'person') return null;
  const digits = (chatId as string).split('@')[0].replace(/\D/g, '');
  return digits.length >= 8 ? digits : null;
}

/** The bare message id inside `{true|false}_{chatId}_{msgId}[_{participant}]` (what edits, revokes and replyTo name). */
export function bareMessageId(id: string): string {
  const parts = id.split('_');
  return parts.length >= 3 && (parts[0] === 'true' || parts[0] === 'false') ? parts[2] : id;
}

export interface MediaRef {
  url: string | null;
  mimetype: string | null;
  filename: string | null;
  error: string | null;
}

export interface ParsedMessage {
  id: string;
  key: string;
  chatId: string;
  isGroup: boolean;
  /** The person who wrote: the participant in a group, else the chat. `...@c.us` or `...@lid`. */
  senderId: string;
  senderName: string | null;
  fromMe: boolean;
  source: string | null;
  to: string | null;
  body: string;
  hasMedia: boolean;
  media: MediaRef | null;
  replyTo: string | null;
  ack: number | null;
  timestamp: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Reads a `message` / `message.any` payload; null when it is not a message (no id or no chat). */
export function parseMessagePayload(payload: unknown): ParsedMessage | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const id = str(p.id) ?? str((p.id as { _serialized?: unknown } | null)?._serialized);
  const fromMe = p.fromMe === true;
  // Our own sends: `from` is our number and `to` the chat.
  const chatId = fromMe ? (str(p.to) ?? str(p.from)) : str(p.from);
  if (!id || !chatId) return null;
  const isGroup = chatKind(chatId) === 'group';
  const participant = str(p.participant) ?? str(p.author);
  const data = (p._data && typeof p._data === 'object' ? p._data : {}) as Record<string, unknown>;
  const m = p.media && typeof p.media === 'object' ? (p.media as Record<string, unknown>) : null;
  const replyTo = p.replyTo && typeof p.replyTo === 'object' ? str((p.replyTo as Record<string, unknown>).id) : null;
  return {
    id,
    key: bareMessageId(id),
    chatId,
    isGroup,
    senderId: isGroup && participant ? participant : chatId,
    senderName: str(data.notifyName) ?? str(data.pushName),
    fromMe,
    source: str(p.source),
    to: str(p.to),
    body: typeof p.body === 'string' ? p.body : '',
    hasMedia: p.hasMedia === true,
    media: m ? { url: str(m.url), mimetype: str(m.mimetype), filename: str(m.filename), error: m.error ? String(typeof m.error === 'string' ? m.error : JSON.stringify(m.error)) : null } : null,
    replyTo,
    ack: typeof p.ack === 'number' ? p.ack : null,
    timestamp: typeof p.timestamp === 'number' ? p.timestamp : null,
  };
}

export const ACK_NAMES: Record<number, string> = { [-1]: 'ERROR', 0: 'PENDING', 1: 'SERVER', 2: 'DEVICE', 3: 'READ', 4: 'PLAYED' };

/** The delivery state after an ack: never backwards; ERROR only before anything was delivered. */
export function nextAck(current: number | null, incoming: number): number {
  if (current === null) return incoming;
  if (incoming === -1) return current <= 0 ? -1 : current;
  return Math.max(current, incoming);
}

/** The inbound_events external id: `message` and `message.any` of one message collide; an ack per level. */
export function webhookExternalId(event: string, payload: unknown, envelopeId: string | null, bodyHash: string): string {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const id = str(p.id) ?? str((p.id as { _serialized?: unknown } | null)?._serialized);
  if ((event === 'message' || event === 'message.any') && id) return `message:${id}`;
  if (event === 'message.ack' && id) return `ack:${id}:${String(p.ack)}`;
  if (event === 'message.revoked' && str(p.revokedMessageId)) return `revoked:${String(p.revokedMessageId)}`;
  if (event === 'message.edited' && str(p.editedMessageId)) return `edited:${String(p.editedMessageId)}:${bodyHash.slice(0, 16)}`;
  return `${event}:${envelopeId ?? bodyHash}`;
}

export const HANDLED_EVENTS = ['message', 'message.any', 'message.ack', 'message.revoked', 'message.edited'] as const;
