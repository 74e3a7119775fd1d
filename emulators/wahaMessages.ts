// Builders for what a real WAHA sends (contracts/waha.md): message payloads shaped like the WEBJS engine's, the webhook
// envelope, and small sample media files whose first bytes are real (so content sniffing passes).
import { randomBytes } from 'node:crypto';

export const OUR_NUMBER = '27600000000@c.us';

export function newMessageKey(): string {
  return `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** WEBJS message id: `{fromMe}_{chatId}_{msgId}[_{participant}]`. */
export function serializedId(fromMe: boolean, chatId: string, key: string, participant?: string): string {
  return `${fromMe}_${chatId}_${key}${participant ? `_${participant}` : ''}`;
}

export interface IncomingOptions {
  from: string;
  body?: string;
  participant?: string;
  notifyName?: string;
  key?: string;
  media?: { url: string | null; mimetype: string; filename?: string | null; error?: unknown } | null;
  hasMedia?: boolean;
  replyTo?: { id: string; body?: string } | null;
  timestamp?: number;
}

export function incomingMessage(o: IncomingOptions): Record<string, unknown> {
  const key = o.key ?? newMessageKey();
  const hasMedia = o.hasMedia ?? o.media !== undefined;
  const p: Record<string, unknown> = {
    id: serializedId(false, o.from, key, o.participant),
    timestamp: o.timestamp ?? Math.floor(Date.now() / 1000),
    from: o.from,
    fromMe: false,
    to: OUR_NUMBER,
    body: o.body ?? '',
    hasMedia,
    media: o.media === undefined ? null : o.media ? { url: o.media.url, mimetype: o.media.mimetype, filename: o.media.filename ?? null, ...(o.media.error ? { error: o.media.error } : {}) } : null,
    ack: 1,
    ackName: 'SERVER',
    source: 'app',
    _data: { notifyName: o.notifyName ?? 'Customer' },
  };
  // Keys are absent rather than null in a direct chat (participant, replyTo): the contract says so.
  if (o.participant) {
    p.participant = o.participant;
    p.author = o.participant;
  }
  if (o.replyTo) p.replyTo = { id: o.replyTo.id, body: o.replyTo.body ?? '' };
  return p;
}

export function envelope(event: string, payload: unknown, session = 'default'): Record<string, unknown> {
  return {
    id: `evt_${randomBytes(13).toString('hex').toUpperCase()}`,
    timestamp: Date.now(),
    event,
    session,
    metadata: {},
    me: { id: OUR_NUMBER, pushName: 'FibreFlow' },
    payload,
    engine: 'WEBJS',
    environment: { tier: 'CORE', version: '2025.1.1', engine: 'WEBJS', browser: '/usr/bin/chromium' },
  };
}

// A 1x1 PNG, the head of a JPEG, a one-page PDF and the head of an Ogg/Opus voice note.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0demo-photo', 'latin1'), Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(60, 1)]);

export const SAMPLE_MEDIA: Record<'image' | 'photo' | 'document' | 'voice', { mimetype: string; ext: string; filename: string | null; bytes: Buffer }> = {
  image: { mimetype: 'image/png', ext: 'png', filename: null, bytes: PNG },
  photo: { mimetype: 'image/jpeg', ext: 'jpeg', filename: null, bytes: JPEG },
  document: { mimetype: 'application/pdf', ext: 'pdf', filename: 'ont-test-report.pdf', bytes: PDF },
  voice: { mimetype: 'audio/ogg; codecs=opus', ext: 'oga', filename: null, bytes: OGG },
};
