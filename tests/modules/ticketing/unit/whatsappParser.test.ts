// The pure WhatsApp rules: DR numbers, intent words, chat ids, WAHA's payload shapes, acks and webhook keys.
import { describe, expect, it } from 'vitest';
import {
  bareMessageId, chatKind, extractDr, guessTicketType, nextAck, parseMessagePayload, phoneFromChatId, webhookExternalId,
} from '@/src/modules/ticketing/integrations/whatsapp/messageParser';
import { toE164 } from '@/src/modules/ticketing/integrations/notify/smsClient';
import { deliveryLabel } from '@/src/modules/ticketing/components/whatsapp/types';
import { titleFromMessage } from '@/src/modules/ticketing/services/whatsapp/conversationWrites';
import { mediaFileName } from '@/src/modules/ticketing/integrations/whatsapp/mediaFetch';
import { contentMatchesType } from '@/src/modules/ticketing/services/fileSniff';

describe('extractDr', () => {
  it.each([
    ['dr 1734472 no signal', 'DR1734472'],
    ['DR1734472', 'DR1734472'],
    ['my drop is Dr1734472.', 'DR1734472'],
    ['(dR 1734472)', 'DR1734472'],
  ])('finds the drop in "%s"', (text, dr) => expect(extractDr(text)).toBe(dr));

  it.each([['DR173447'], ['DR17344721'], ['ADDR1734472'], ['dr  1734472'], [''], [null]])('finds no drop in %s', (text) => expect(extractDr(text)).toBeNull());
});

describe('guessTicketType', () => {
  it.each([
    ['No signal since yesterday', 'No signal', 'medium'],
    ['LOS is red', 'LOS (loss of signal)', 'medium'],
    ['the red light is on', 'Red light on ONT', 'medium'],
    ['no internet', 'No internet', 'medium'],
    ['Geen internet nie', 'No internet', 'medium'],
    ['router keeps rebooting', 'Router', 'medium'],
    ['Fibre cut by the council', 'Fibre cut', 'high'],
    ['fiber cut', 'Fibre cut', 'high'],
  ])('reads "%s" as a fault', (text, category, priority) => expect(guessTicketType(text)).toEqual({ ticketType: 'fault', category, priority }));

  it('reads anything else as a query (and "close" is not "los")', () => {
    expect(guessTicketType('please close my account')).toEqual({ ticketType: 'query', category: null, priority: 'medium' });
    expect(guessTicketType(undefined).ticketType).toBe('query');
  });
});

describe('chat ids', () => {
  it('tells people, groups and hidden ids apart and reads phone numbers only from people', () => {
    expect(chatKind('27821234567@c.us')).toBe('person');
    expect(chatKind('27821234567@s.whatsapp.net')).toBe('person');
    expect(chatKind('1203630@g.us')).toBe('group');
    expect(chatKind('123@lid')).toBe('lid');
    expect(chatKind('status@broadcast')).toBe('other');
    expect(chatKind(null)).toBe('other');
    expect(phoneFromChatId('27821234567@c.us')).toBe('27821234567');
    expect(phoneFromChatId('123@c.us')).toBeNull();
    expect(phoneFromChatId('1203630@g.us')).toBeNull();
    expect(bareMessageId('false_27821234567@c.us_3EB0AB')).toBe('3EB0AB');
    expect(bareMessageId('false_1203@g.us_3EB0AB_2782@c.us')).toBe('3EB0AB');
    expect(bareMessageId('3EB0AB')).toBe('3EB0AB');
    expect(toE164('27821234567@c.us')).toBe('+27821234567');
    expect(toE164('082 123 4567')).toBe('+27821234567');
    expect(toE164('123')).toBeNull();
  });
});

describe('parseMessagePayload', () => {
  it('reads the WEBJS shape with absent keys, an object id, our own sends and media errors', () => {
    expect(parseMessagePayload(null)).toBeNull();
    expect(parseMessagePayload({ id: 'x' })).toBeNull();
    const direct = parseMessagePayload({ id: { _serialized: 'false_27821234567@c.us_K1' }, from: '27821234567@c.us', body: 'hi', _data: { pushName: 'Noweb Name' } });
    expect(direct).toMatchObject({ id: 'false_27821234567@c.us_K1', key: 'K1', chatId: '27821234567@c.us', isGroup: false, senderId: '27821234567@c.us', senderName: 'Noweb Name', hasMedia: false, media: null, replyTo: null, ack: null, timestamp: null, source: null });
    const mine = parseMessagePayload({ id: 'true_27821234567@c.us_K2', from: '27600000000@c.us', to: '27821234567@c.us', fromMe: true, body: 5, source: 'api', ack: 1, timestamp: 1 });
    expect(mine).toMatchObject({ chatId: '27821234567@c.us', fromMe: true, body: '', source: 'api', ack: 1 });
    const group = parseMessagePayload({ id: 'g', from: '1203@g.us', author: '2782@c.us', hasMedia: true, media: { url: null, mimetype: 'image/jpeg', error: { code: 'expired' } }, replyTo: { id: 'Q1' }, _data: 'x' });
    expect(group).toMatchObject({ isGroup: true, senderId: '2782@c.us', senderName: null, media: { url: null, mimetype: 'image/jpeg', filename: null, error: '{"code":"expired"}' }, replyTo: 'Q1' });
    expect(parseMessagePayload({ id: 'g2', from: '1203@g.us' })?.senderId).toBe('1203@g.us');
  });
});

describe('acks and webhook keys', () => {
  it('never moves the delivery state backwards; ERROR only before delivery', () => {
    expect(nextAck(null, 2)).toBe(2);
    expect(nextAck(3, 2)).toBe(3);
    expect(nextAck(1, 3)).toBe(3);
    expect(nextAck(0, -1)).toBe(-1);
    expect(nextAck(2, -1)).toBe(2);
    expect(deliveryLabel({ state: 'pending', ack: null }).label).toBe('Sending');
    expect(deliveryLabel({ state: 'sent', ack: 0 }).label).toBe('Sent');
    expect(deliveryLabel({ state: 'sent', ack: 2 }).label).toBe('Delivered');
    expect(deliveryLabel({ state: 'sent', ack: 3 }).label).toBe('Read');
    expect(deliveryLabel({ state: 'sent', ack: 4 }).label).toBe('Played');
    expect(deliveryLabel({ state: 'failed', ack: 1 }).label).toBe('Failed');
  });

  it('keys twins together, acks per level, edits by content and anything else by envelope id or body hash', () => {
    expect(webhookExternalId('message', { id: 'M' }, 'e1', 'h')).toBe('message:M');
    expect(webhookExternalId('message.any', { id: { _serialized: 'M' } }, 'e2', 'h')).toBe('message:M');
    expect(webhookExternalId('message.ack', { id: 'M', ack: 3 }, 'e3', 'h')).toBe('ack:M:3');
    expect(webhookExternalId('message.revoked', { revokedMessageId: 'K' }, 'e4', 'h')).toBe('revoked:K');
    expect(webhookExternalId('message.edited', { editedMessageId: 'K' }, 'e5', 'abcdef0123456789ffff')).toBe('edited:K:abcdef0123456789');
    expect(webhookExternalId('message', null, 'e6', 'h')).toBe('message:e6');
    expect(webhookExternalId('session.status', {}, null, 'hash')).toBe('session.status:hash');
  });

  it('names media files and titles tickets sensibly', () => {
    expect(mediaFileName('image/jpeg', null, 'false_x@c.us_K1')).toBe('whatsapp-false_xcus_K1.jpg');
    expect(mediaFileName('application/x-unknown', null, 'K')).toBe('whatsapp-K.bin');
    expect(mediaFileName('application/pdf', '../etc/passwd.pdf', 'K')).toBe('.._etc_passwd.pdf');
    expect(titleFromMessage('', 'Thandi')).toBe('WhatsApp message from Thandi');
    expect(titleFromMessage('', null)).toBe('WhatsApp message from a customer');
    expect(titleFromMessage(`\n  ${'x'.repeat(200)}`, null)).toHaveLength(10 + 120);
  });
});

describe('voice notes and videos are sniffed like any upload', () => {
  it('knows Ogg, MP3 and MP4 by their first bytes', () => {
    expect(contentMatchesType(Buffer.from('OggS\0\0'), 'audio/ogg')).toBe(true);
    expect(contentMatchesType(Buffer.from('%PDF-'), 'audio/ogg')).toBe(false);
    expect(contentMatchesType(Buffer.from('ID3\u0004'), 'audio/mpeg')).toBe(true);
    expect(contentMatchesType(Buffer.from([0xff, 0xfb, 0x90]), 'audio/mpeg')).toBe(true);
    expect(contentMatchesType(Buffer.from([0xff, 0x10]), 'audio/mpeg')).toBe(false);
    expect(contentMatchesType(Buffer.from('\0\0\0\u0018ftypisom'), 'video/mp4')).toBe(true);
    expect(contentMatchesType(Buffer.from('\0\0\0\u0018ftypM4A '), 'audio/mp4')).toBe(true);
    expect(contentMatchesType(Buffer.from('RIFF....WAVE'), 'video/mp4')).toBe(false);
  });
});
