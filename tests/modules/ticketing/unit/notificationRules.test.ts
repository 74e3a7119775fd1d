// The pure parts of notifications: templates per event, preferences, chat ids, and how failures are classified.
import { describe, expect, it } from 'vitest';
import { renderNotification } from '@/src/modules/ticketing/services/notifications/templates';
import { deliveriesFor, parsePrefs, phoneToChatId } from '@/src/modules/ticketing/services/notifications/notificationService';
import { isPermanentSmtpFailure } from '@/src/modules/ticketing/integrations/notify/smtpMailer';
import { WahaError, wahaMessageId } from '@/src/modules/ticketing/integrations/notify/wahaClient';
import { NOTIFICATION_EVENTS } from '@/src/modules/ticketing/types/notifications';

const base = {
  recipientName: 'Thandi',
  ticket: { ticketUid: 'DR1734472-3', title: 'No <light> & no signal', priority: 'high', status: 'in_progress' },
  timezone: 'Africa/Johannesburg',
  appUrl: 'http://tickets.test/',
};

describe('renderNotification', () => {
  it('renders every event with the ticket, a link and a due time in the business timezone', () => {
    for (const event of NOTIFICATION_EVENTS) {
      const m = renderNotification(event, { ...base, target: 'resolution', percent: 90, dueAt: new Date('2026-11-26T12:00:00Z'), assigneeName: 'Sipho' });
      expect(m.subject.startsWith('[DR1734472-3]')).toBe(true);
      expect(m.text).toContain('Hello Thandi,');
      expect(m.text).toContain('http://tickets.test/ticketing/tickets/DR1734472-3');
      // 12:00Z is 14:00 in Johannesburg
      expect(m.text).toContain('26 Nov 2026, 14:00 (Africa/Johannesburg)');
      expect(m.html).toContain('No &lt;light&gt; &amp; no signal');
    }
  });

  it('names the target and the percentage, and copes with missing details', () => {
    expect(renderNotification('sla.warning', { ...base, target: 'response', percent: 75 }).subject).toBe('[DR1734472-3] SLA warning: 75% of the first response time used');
    expect(renderNotification('sla.escalation', base).subject).toBe('[DR1734472-3] SLA escalation: 0% of the resolution time used');
    expect(renderNotification('sla.warning', base).subject).toContain('0%');
    const breach = renderNotification('sla.breach', { ...base, target: 'response' });
    expect(breach.subject).toBe('[DR1734472-3] SLA breached: first response target missed');
    expect(breach.text).toContain('due not set');
    expect(breach.text).toContain('Assignee: nobody.');
    expect(renderNotification('sla.escalation', base).text).toContain('Assignee: nobody.');
    expect(renderNotification('ticket.assigned', base).subject).toBe('[DR1734472-3] Assigned to you: No <light> & no signal');
  });
});

describe('preferences and addresses', () => {
  it('fills defaults and survives malformed stored preferences', () => {
    expect(parsePrefs(null)).toEqual({ email: true, whatsapp: false, muted: [] });
    expect(parsePrefs({ whatsapp: true })).toEqual({ email: true, whatsapp: true, muted: [] });
    expect(parsePrefs({ email: 'yes' })).toEqual({ email: true, whatsapp: false, muted: [] });
  });

  it('turns phone numbers into WhatsApp chat ids', () => {
    expect(phoneToChatId('+27 82 123 4567')).toBe('27821234567@c.us');
    expect(phoneToChatId('082 123 4567')).toBe('27821234567@c.us');
    expect(phoneToChatId('12345')).toBeNull();
    expect(phoneToChatId(null)).toBeNull();
  });

  it('picks the channels a person wants for an event', () => {
    const r = { email: 'a@b.test', phone: '+27821234567' };
    expect(deliveriesFor({ ...r, prefs: {} }, 'sla.warning')).toEqual([{ channel: 'email', address: 'a@b.test' }]);
    expect(deliveriesFor({ ...r, prefs: { whatsapp: true } }, 'sla.warning')).toEqual([
      { channel: 'email', address: 'a@b.test' },
      { channel: 'whatsapp', address: '27821234567@c.us' },
    ]);
    expect(deliveriesFor({ ...r, prefs: { email: false, whatsapp: true } }, 'sla.breach')).toEqual([{ channel: 'whatsapp', address: '27821234567@c.us' }]);
    expect(deliveriesFor({ ...r, phone: null, prefs: { email: false, whatsapp: true } }, 'sla.breach')).toEqual([]);
    expect(deliveriesFor({ ...r, prefs: { muted: ['sla.warning'] } }, 'sla.warning')).toEqual([]);
  });
});

describe('failure classification', () => {
  it('treats SMTP 5xx as permanent and 4xx or network errors as worth a retry', () => {
    expect(isPermanentSmtpFailure(Object.assign(new Error('x'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentSmtpFailure(Object.assign(new Error('x'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentSmtpFailure(new Error('ECONNREFUSED'))).toBe(false);
  });

  it('treats WAHA 4xx as permanent except 408 and 429, and reads any engine message id', () => {
    expect(new WahaError(401, 'x').permanent).toBe(true);
    expect(new WahaError(0, 'not configured').permanent).toBe(true);
    expect(new WahaError(429, 'x').permanent).toBe(false);
    expect(new WahaError(408, 'x').permanent).toBe(false);
    expect(new WahaError(502, 'x').permanent).toBe(false);
    expect(wahaMessageId({ id: 'true_27@c.us_A' })).toBe('true_27@c.us_A');
    expect(wahaMessageId({ id: { _serialized: 'true_27@c.us_B' } })).toBe('true_27@c.us_B');
    expect(wahaMessageId({ key: { remoteJid: '27@s.whatsapp.net', fromMe: true, id: 'C' } })).toBe('C');
    expect(wahaMessageId(null)).toBeNull();
    expect(wahaMessageId({ id: {} })).toBeNull();
  });
});
