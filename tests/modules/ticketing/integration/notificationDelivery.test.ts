// Notification delivery for real: notifyUsers writes the log and the outbox in one transaction, the outbox worker
// runs the email and WhatsApp handlers against the loopback SMTP server and WAHA, and every outcome is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/src/lib/config';
import { processOutboxBatch } from '@/src/modules/ticketing/jobs/outboxWorker';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxItem } from '@/src/modules/ticketing/jobs/outboxTypes';
import { notificationOutboxHandlers } from '@/src/modules/ticketing/integrations/notify/outboxHandlers';
import { notifyUsers } from '@/src/modules/ticketing/services/notifications/notificationService';
import { makeUser, type TestUser } from '../../../helpers/factories';
import { slaWorld, type SlaTicket, type SlaWorld } from './slaFixture';

let w: SlaWorld;
let t: SlaTicket;
let whatsappUser: TestUser;
let mutedUser: TestUser;

beforeAll(async () => {
  w = await slaWorld('2026-11-25T08:00');
  t = (await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', ticketType: 'fault', priority: 'high', title: 'ONT offline', drNumber: await w.drop() })).body.data;
  whatsappUser = await makeUser(w.tdb.db, { role: 'technician' });
  await w.tdb.db.query(`UPDATE users SET notification_prefs = '{"email": true, "whatsapp": true}', phone = '082 555 0101' WHERE id = $1`, [whatsappUser.id]);
  mutedUser = await makeUser(w.tdb.db, { role: 'technician' });
  await w.tdb.db.query(`UPDATE users SET notification_prefs = '{"email": true, "muted": ["ticket.assigned"]}' WHERE id = $1`, [mutedUser.id]);
});
afterAll(async () => w.close());

const log = (id: string) => w.rows<{ channel: string; recipient: string; status: string; error: string | null; sent_at: Date | null }>(
  'SELECT channel, recipient, status, error, sent_at FROM notification_log WHERE dedupe_key LIKE $1 ORDER BY channel, recipient', [`${id}%`]);
const notify = (key: string, userIds: string[]) =>
  w.tdb.db.transaction((tx) => notifyUsers(tx, w.deps(), { event: 'ticket.assigned', ticketId: t.id, userIds, dedupeKey: key, trigger: 'test', template: { ticket: t, dueAt: null } }));
const item = (kind: string, payload: unknown): OutboxItem => ({ id: '00000000-0000-4000-8000-000000000001', kind, payload, idempotencyKey: 'k', ticketId: null, attempts: 1, maxAttempts: 8 });

describe('notifyUsers', () => {
  it('queues one send per wanted channel, skips muted events and inactive people, and never twice for the same key', async () => {
    const inactive = await makeUser(w.tdb.db, { role: 'technician' });
    await w.tdb.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
    expect(await notify('assign-1', [whatsappUser.id, mutedUser.id, inactive.id, whatsappUser.id])).toEqual({ queued: 2 });
    expect(await notify('assign-1', [whatsappUser.id])).toEqual({ queued: 0 });
    expect((await log('assign-1')).map((r) => [r.channel, r.recipient, r.status])).toEqual([
      ['email', whatsappUser.email, 'pending'],
      ['whatsapp', '27825550101@c.us', 'pending'],
    ]);
    const outbox = await w.rows<{ kind: string }>(`SELECT o.kind FROM outbox o JOIN notification_log n ON n.outbox_id = o.id WHERE n.dedupe_key LIKE 'assign-1%' ORDER BY o.kind`);
    expect(outbox.map((o) => o.kind)).toEqual([OUTBOX_KINDS.email, OUTBOX_KINDS.whatsapp]);
  });

  it('delivers both through the outbox: the mail to SMTP, the text to WAHA with the API key, each logged as sent', async () => {
    const before = w.smtp.mails.length;
    const result = await processOutboxBatch(w.deps(), { limit: 20 });
    expect(result).toMatchObject({ sent: 2, failed: 0, dead: 0 });
    expect(w.smtp.mails.slice(before).map((m) => [m.to, m.subject])).toEqual([[[whatsappUser.email], `[${t.ticketUid}] Assigned to you: ONT offline`]]);
    expect(w.waha.sent).toEqual([{ session: 'default', chatId: '27825550101@c.us', text: expect.stringContaining(`Assigned to you: ONT offline`) }]);
    expect((await log('assign-1')).every((r) => r.status === 'sent' && r.sent_at !== null)).toBe(true);
    const [wa] = await w.rows<{ response: { id: string } }>(`SELECT response FROM outbox WHERE kind = $1`, [OUTBOX_KINDS.whatsapp]);
    expect(wa.response.id).toBe('true_27825550101@c.us_MSG1');
  });
});

describe('failures', () => {
  it('retries a temporary SMTP refusal and logs the outcome of each attempt', async () => {
    await notify('temp', [w.users.technician.id]);
    w.smtp.refuseNext(1, 451);
    expect(await processOutboxBatch(w.deps())).toMatchObject({ failed: 1 });
    expect((await log('temp'))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('451') });
    w.clock.advanceMinutes(60);
    expect(await processOutboxBatch(w.deps())).toMatchObject({ sent: 1 });
    expect((await log('temp'))[0]).toMatchObject({ status: 'sent', error: null });
  });

  it('dead-letters a permanent SMTP refusal at once', async () => {
    await notify('perm', [w.users.agent.id]);
    w.smtp.refuseNext(1, 550);
    expect(await processOutboxBatch(w.deps())).toMatchObject({ dead: 1 });
    expect((await log('perm'))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('550') });
  });

  it('retries WAHA server errors and rate limits, and gives up on a refused key', async () => {
    const send = notificationOutboxHandlers[OUTBOX_KINDS.whatsapp];
    const payload = { chatId: '27825550101@c.us', text: 'hello' };
    w.waha.failNext(1, 503);
    await expect(send(item(OUTBOX_KINDS.whatsapp, payload), w.deps())).rejects.toThrow(/503/);
    w.waha.failNext(1, 429);
    await expect(send(item(OUTBOX_KINDS.whatsapp, payload), w.deps())).rejects.not.toBeInstanceOf(PermanentOutboxError);
    const wrongKey = { ...w.deps(), config: { ...w.server.config, WAHA_API_KEY: 'nope' } };
    await expect(send(item(OUTBOX_KINDS.whatsapp, payload), wrongKey)).rejects.toBeInstanceOf(PermanentOutboxError);
    const noKey = { ...w.deps(), config: { ...w.server.config, WAHA_API_KEY: undefined } };
    await expect(send(item(OUTBOX_KINDS.whatsapp, payload), noKey)).rejects.toThrow(/401/);
    expect(await send(item(OUTBOX_KINDS.whatsapp, payload), w.deps())).toEqual({ id: 'true_27825550101@c.us_MSG2', ack: null });
    // an answer that is not JSON still means sent, without an id
    w.waha.plainNext();
    expect(await send(item(OUTBOX_KINDS.whatsapp, payload), w.deps())).toEqual({ id: null, ack: null });
  });

  it('refuses bad payloads and missing configuration for good', async () => {
    const email = notificationOutboxHandlers[OUTBOX_KINDS.email];
    const whatsapp = notificationOutboxHandlers[OUTBOX_KINDS.whatsapp];
    await expect(email(item(OUTBOX_KINDS.email, { to: 'not-an-address', subject: 'x', text: 'y', template: 't' }), w.deps())).rejects.toThrow(/Bad notification.email payload: to/);
    await expect(whatsapp(item(OUTBOX_KINDS.whatsapp, { chatId: '+27 82', text: 'y' }), w.deps())).rejects.toBeInstanceOf(PermanentOutboxError);
    const bare = { ...w.deps(), config: parseConfig({ NODE_ENV: 'test' }) };
    await expect(email(item(OUTBOX_KINDS.email, { to: 'a@b.test', subject: 'x', text: 'y', template: 't' }), bare)).rejects.toThrow(/SMTP is not configured/);
    await expect(whatsapp(item(OUTBOX_KINDS.whatsapp, { chatId: '27825550101@c.us', text: 'y' }), bare)).rejects.toThrow(/WAHA_URL/);
  });

  it('sends with SMTP credentials configured (the loopback server offers no login, so none is attempted)', async () => {
    const email = notificationOutboxHandlers[OUTBOX_KINDS.email];
    const cfg = { ...w.server.config, SMTP_USER: 'tickets', SMTP_PASS: undefined };
    const sent = await email(item(OUTBOX_KINDS.email, { to: 'a@b.test', subject: 'With credentials', text: 'y', template: 't' }), { ...w.deps(), config: cfg });
    expect(sent).toMatchObject({ accepted: ['a@b.test'], rejected: [] });
    expect(w.smtp.mails.at(-1)?.subject).toBe('With credentials');
  });
});
