// WhatsApp self-service: status requests in English and Afrikaans, answered only with the chat's own tickets.
import { describe, expect, it } from 'vitest';
import { answerSelfService, buildSelfServiceReply, normalisePhone, parseStatusRequest, phoneDigitForms, type SelfServiceTicket } from '@/src/modules/ticketing/services/whatsappSelfService';

const mine = (o: Partial<SelfServiceTicket> = {}): SelfServiceTicket => ({
  ticketUid: 'DR1234567-2', status: 'in_progress', drNumber: 'DR1234567', reporterPhone: '082 123 4567', createdAt: '2026-11-20T08:00:00Z', ...o,
});
const reply = (text: string, tickets: SelfServiceTicket[], chatPhone = '27821234567@c.us') => buildSelfServiceReply({ text, chatPhone, tickets, timeZone: 'Africa/Johannesburg' });

describe('parseStatusRequest', () => {
  it('recognises status requests in any case, with or without a DR number', () => {
    expect(parseStatusRequest('status')).toEqual({ lang: 'en', drNumber: null });
    expect(parseStatusRequest('  STATUS  dr 1234567 ?')).toEqual({ lang: 'en', drNumber: 'DR1234567' });
    expect(parseStatusRequest('What is the status of DR1234567')).toEqual({ lang: 'en', drNumber: 'DR1234567' });
    expect(parseStatusRequest('Stand')).toEqual({ lang: 'af', drNumber: null });
    expect(parseStatusRequest('status asb')).toEqual({ lang: 'af', drNumber: null });
    expect(parseStatusRequest('wat is die stand van DR1234567')).toEqual({ lang: 'af', drNumber: 'DR1234567' });
    expect(parseStatusRequest('status DR1234567 asseblief')).toEqual({ lang: 'af', drNumber: 'DR1234567' });
  });

  it('ignores anything else', () => {
    for (const t of ['my fibre is down', 'status of my order is bad', 'DR1234567', 'status DR123', 'statusDR1234567x', '']) expect(parseStatusRequest(t)).toBeNull();
  });
});

describe('normalisePhone', () => {
  it('brings SA numbers to one form', () => {
    expect(normalisePhone('27821234567@c.us')).toBe('27821234567');
    expect(normalisePhone('+27 82 123 4567')).toBe('27821234567');
    expect(normalisePhone('082-123-4567')).toBe('27821234567');
    expect(normalisePhone('1234')).toBeNull();
    expect(normalisePhone(null)).toBeNull();
  });
});

describe('buildSelfServiceReply', () => {
  it('answers with the UID, the status in plain words and the ETA when set', () => {
    expect(reply('status', [mine({ etaAt: '2026-11-25T12:30:00Z' })])).toBe('Ticket DR1234567-2: a technician is working on it. Technician expected: 25/11 14:30.');
    expect(reply('stand', [mine({ ticketUid: 'FT490441', status: 'assigned' })])).toBe('Kaartjie FT490441 (DR1234567): \u2019n tegnikus is toegewys.');
    expect(reply('stand', [mine({ etaAt: '2026-11-25T12:30:00Z' })])).toContain('Verwagte aankoms van die tegnikus: 25/11 14:30.');
  });

  it('never shows a ticket to a chat that did not report it, and explains how to report a fault instead', () => {
    expect(reply('status DR1234567', [mine()], '27829999999@c.us')).toBe(
      'We could not find an open ticket from this number for DR1234567. To report a fault, send your DR number (e.g. DR1234567) and describe the problem.',
    );
    expect(reply('status', [mine({ reporterPhone: null })])).toContain('could not find');
    expect(reply('status', [mine()], 'abc@lid')).toContain('could not find');
    expect(reply('stand van DR1234567', [])).toContain('Ons kon geen oop kaartjie van hierdie nommer vir DR1234567 vind nie');
    expect(reply('stand', [])).toContain('hierdie nommer vind nie');
  });

  it('shows only open, undeleted tickets on the asked drop, newest first, at most three', () => {
    const tickets = [
      mine({ ticketUid: 'DR1234567-1', status: 'resolved' }),
      mine({ ticketUid: 'DR1234567-3', status: 'new', deletedAt: '2026-11-21T00:00:00Z' }),
      mine({ ticketUid: 'DR7654321-1', drNumber: 'DR7654321', status: 'blocked' }),
      ...[4, 5, 6, 7].map((n) => mine({ ticketUid: `DR1234567-${n}`, status: 'new', createdAt: `2026-11-2${n}T08:00:00Z` })),
    ];
    expect(reply('status DR7654321', tickets)).toBe('Ticket DR7654321-1: on hold, waiting on something outside our control.');
    const all = reply('status', tickets) as string;
    expect(all.split('\n')).toEqual([
      'Ticket DR1234567-7: received, waiting to be looked at.', 'Ticket DR1234567-6: received, waiting to be looked at.',
      'Ticket DR1234567-5: received, waiting to be looked at.', 'And 2 more open ticket(s).',
    ]);
    expect(reply('stand', tickets)?.split('\n').at(-1)).toBe('En nog 2 oop kaartjie(s).');
  });

  it('returns null for messages that are not status requests', () => {
    expect(reply('hello', [mine()])).toBeNull();
  });
});

describe('answerSelfService', () => {
  it('names the request and the chat\'s own tickets the answer is about, and nothing of anyone else\'s', () => {
    const theirs = { ...mine({ ticketUid: 'DR1234567-3', reporterPhone: '+27829999999' }), id: 't-2' };
    const answer = answerSelfService({ text: 'Stand', chatPhone: '27821234567', tickets: [{ ...mine(), id: 't-1' }, theirs], timeZone: 'Africa/Johannesburg' });
    expect(answer?.request).toEqual({ lang: 'af', drNumber: null });
    expect(answer?.tickets.map((t) => t.id)).toEqual(['t-1']);
    expect(answer?.text).not.toContain('DR1234567-3');
    expect(answerSelfService({ text: 'status', chatPhone: '', tickets: [mine()], timeZone: 'Africa/Johannesburg' })?.tickets).toEqual([]);
    expect(answerSelfService({ text: 'no signal', chatPhone: '27821234567', tickets: [mine()], timeZone: 'Africa/Johannesburg' })).toBeNull();
  });
});

describe('phoneDigitForms', () => {
  it('gives the international and the local form of a South African number, and other numbers as they are', () => {
    expect(phoneDigitForms('27821234567')).toEqual(['27821234567', '0821234567']);
    expect(phoneDigitForms('447700900123')).toEqual(['447700900123']);
  });
});
