// A person settles mail the intake set aside: open it as a ticket or link it to one (unparseable mail included), and
// the email and imports figures on the integration page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIntegrationState } from '@/src/modules/ticketing/db/integrationStateRepo';
import { findTicketById } from '@/src/modules/ticketing/db/ticketRepo';
import { emailChannelDetails } from '@/src/modules/ticketing/services/email/emailStatus';
import { storeMailAttachments } from '@/src/modules/ticketing/services/email/mailAttachments';
import { mailDomain, queueReporterMail, reporterMessage } from '@/src/modules/ticketing/services/email/reporterMail';
import type { Ticket } from '@/src/modules/ticketing/types/tickets';
import { emailWorld, fixture, type EmailWorld } from './emailFixture';

let w: EmailWorld;
beforeAll(async () => {
  w = await emailWorld();
});
afterAll(async () => w.close());

interface EventView { id: string; status: string; ticketUid: string | null; error: string | null; externalId: string }
const eventOf = async (externalId: string) => (await w.api(w.admin).get<EventView[]>('inbound-events?source=email&limit=100')).body.data.find((e) => e.externalId === externalId) as EventView;

describe('the email review actions', () => {
  it('opens an automatic mail as a ticket when a person says so, without answering it', async () => {
    await w.post(fixture('auto-submitted.eml', { UID: 'EML-999999' }));
    await w.inbound();
    const e = await eventOf('<auto-submitted.eml@example.co.za>');
    expect(e.status).toBe('review');
    const outbox = Number((await w.one<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).n);
    const r = await w.api(w.admin).post<EventView>('email-review', { id: e.id, action: 'open' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ status: 'processed', ticketUid: expect.stringMatching(/^EML-\d{6}$/), error: expect.stringMatching(/^Opened as EML-\d{6} by /) });
    expect(Number((await w.one<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).n)).toBe(outbox);
    expect((await w.api(w.admin).post('email-review', { id: e.id, action: 'open' })).status).toBe(409);
  });

  it('links unparseable mail to a ticket as readable text', async () => {
    const t = await w.api(w.admin).post<{ ticketUid: string }>('tickets', { source: 'internal', title: 'Known fault' });
    await w.post(fixture('no-from.eml'));
    await w.inbound();
    const e = await eventOf('<no-from-1@example.co.za>');
    expect(e.status).toBe('review');
    const r = await w.api(w.admin).post<EventView>('email-review', { id: e.id, action: 'link', ticket: t.body.data.ticketUid });
    expect(r.body.data).toMatchObject({ status: 'processed', ticketUid: t.body.data.ticketUid });
    const notes = (await w.api(w.admin).get<{ body: string; channel: string }[]>(`tickets-notes?id=${t.body.data.ticketUid}`)).body.data;
    expect(notes.find((n) => n.channel === 'email')?.body).toContain('Who am I?');
  });

  it('opens a mail that cannot be parsed at all, with its raw text', async () => {
    const stored = await w.tdb.db.query<{ id: string }>(
      `INSERT INTO inbound_events (source, external_id, event_type, payload, status, error) VALUES ('email', 'sha256:garbage', 'mail', $1, 'review', 'Unparseable mail') RETURNING id`,
      [JSON.stringify({ raw: Buffer.from('\u0000garbage bytes').toString('base64'), via: 'imap' })],
    );
    const r = await w.api(w.admin).post<EventView>('email-review', { id: stored.rows[0].id, action: 'open' });
    expect(r.status).toBe(200);
    const t = await w.one<{ title: string; description: string }>('SELECT title, description FROM tickets WHERE ticket_uid = $1', [r.body.data.ticketUid]);
    expect(t.title).toBe('Unreadable mail sha256:garbage');
    expect(t.description).toContain('garbage bytes');
  });

  it('refuses unknown events and other sources (404), bad bodies (400), agents (403) and events without a message (422)', async () => {
    const other = await w.tdb.db.query<{ id: string }>(`INSERT INTO inbound_events (source, external_id, payload, status) VALUES ('whatsapp', 'wa-1', '{}', 'review') RETURNING id`);
    expect((await w.api(w.admin).post('email-review', { id: other.rows[0].id, action: 'open' })).status).toBe(404);
    expect((await w.api(w.admin).post('email-review', { id: '00000000-0000-4000-8000-000000000000', action: 'open' })).status).toBe(404);
    expect((await w.api(w.admin).post('email-review', { id: other.rows[0].id, action: 'link' })).status).toBe(400);
    expect((await w.api(w.agent).post('email-review', { id: other.rows[0].id, action: 'open' })).status).toBe(403);
    const noRaw = await w.tdb.db.query<{ id: string }>(`INSERT INTO inbound_events (source, external_id, payload, status) VALUES ('email', 'no-raw', '{}', 'review') RETURNING id`);
    expect((await w.api(w.admin).post('email-review', { id: noRaw.rows[0].id, action: 'open' })).status).toBe(422);
  });
});

describe('the integration page', () => {
  it('shows the webhook and IMAP state, bounces and the last import', async () => {
    await setIntegrationState(w.tdb.db, 'email', 'imap_run', { lastRunAt: '2026-11-25T08:00:00.000Z', ok: false, error: 'Connection refused', fetched: 0, lastMessageAt: null, mailbox: 'INBOX' }, w.clock.now());
    await setIntegrationState(w.tdb.db, 'email', 'imap_cursor', { uidValidity: '42', lastUid: 7 }, w.clock.now());
    const r = await w.api(w.admin).get<{ key: string; details: Record<string, Record<string, unknown>> }[]>('integrations-status');
    const email = r.body.data.find((c) => c.key === 'email');
    expect(email?.details.webhook).toMatchObject({ configured: true, lastMessageAt: expect.any(String) });
    expect(email?.details.imap).toMatchObject({ configured: false, mailbox: null, ok: false, error: 'Connection refused', lastUid: 7, uidValidity: '42', nextRunAt: '2026-11-25T08:01:00.000Z' });
    expect(email?.details.smtp).toEqual({ configured: true, bouncedNotifications: 0 });
    expect(r.body.data.find((c) => c.key === 'imports')?.details).toEqual({ lastImport: null });
  });
});

describe('processing the same mail again', () => {
  it('reprocessing a new mail or a reply changes nothing: one ticket, one note, one acknowledgement', async () => {
    const raw = 'From: Lerato <lerato@example.co.za>\r\nSubject: Router dead\r\nContent-Type: text/plain\r\n\r\nNo lights at all.\r\n';
    expect((await w.post(raw)).status).toBe(202);
    await w.inbound();
    const e = (await w.api(w.admin).get<EventView[]>('inbound-events?source=email&limit=100')).body.data.find((x) => x.externalId.startsWith('sha256:')) as EventView;
    expect(e).toMatchObject({ status: 'processed', ticketUid: expect.stringMatching(/^EML-/) });
    expect((await w.api(w.admin).post('inbound-events', { id: e.id, action: 'retry' })).status).toBe(409);
    await w.tdb.db.query("UPDATE inbound_events SET status = 'received', next_attempt_at = '2026-11-01T00:00:00Z' WHERE id = $1", [e.id]);
    await w.inbound();
    const tickets = await w.one<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE reporter_email = 'lerato@example.co.za'");
    expect(Number(tickets.n)).toBe(1);
    const acks = await w.one<{ n: number }>("SELECT count(*)::int AS n FROM notification_log WHERE template = 'email.ack' AND recipient = 'lerato@example.co.za'");
    expect(Number(acks.n)).toBe(1);
    const reply = `From: Lerato <lerato@example.co.za>\r\nSubject: Re: [${e.ticketUid}] Router dead\r\nMessage-ID: <lerato-reply@example.co.za>\r\nContent-Type: text/plain\r\n\r\nStill dead.\r\n`;
    await w.post(reply);
    await w.inbound();
    await w.tdb.db.query("UPDATE inbound_events SET status = 'received', next_attempt_at = '2026-11-01T00:00:00Z' WHERE external_id = '<lerato-reply@example.co.za>'");
    await w.inbound();
    const notes = await w.one<{ n: number }>("SELECT count(*)::int AS n FROM ticket_notes n JOIN tickets t ON t.id = n.ticket_id WHERE t.ticket_uid = $1 AND n.channel = 'email'", [e.ticketUid]);
    expect(Number(notes.n)).toBe(1);
  });

  it('sends an event that holds no raw message to review', async () => {
    await w.tdb.db.query(`INSERT INTO inbound_events (source, external_id, payload, status, next_attempt_at) VALUES ('email', 'empty-payload', '{}', 'received', '2026-11-01T00:00:00Z')`);
    await w.inbound();
    expect(await w.one("SELECT status, error FROM inbound_events WHERE external_id = 'empty-payload'")).toEqual({ status: 'review', error: 'The stored event holds no raw message' });
  });
});

describe('the parts behind the channel', () => {
  const ctx = (config: Partial<EmailWorld['server']['config']> = {}) => ({ ...w.deps(), config: { ...w.server.config, ...config }, user: { id: null, name: 'Test', role: 'system' } });

  it('describes a configured IMAP mailbox before its first poll', async () => {
    await w.tdb.db.query("DELETE FROM integration_state WHERE channel = 'email'");
    const d = await emailChannelDetails(ctx({ IMAP_HOST: 'imap.example.co.za', IMAP_USER: 'tickets', EMAIL_WEBHOOK_TOKEN: undefined, SMTP_HOST: undefined }));
    expect(d).toMatchObject({
      webhook: { configured: false },
      imap: { configured: true, mailbox: 'tickets@imap.example.co.za:993/INBOX', lastRunAt: null, ok: null, error: null, fetchedLastRun: 0, lastUid: null, nextRunAt: null },
      smtp: { configured: false },
    });
  });

  it('notes attachments over the size limit instead of storing them', async () => {
    const t = await w.api(w.admin).post<{ id: string }>('tickets', { source: 'internal', title: 'Big files' });
    const files = [{ fileName: 'huge.bin', mimeType: 'application/octet-stream', content: Buffer.alloc(64), inline: false }];
    expect(await storeMailAttachments(ctx({ ATTACHMENT_MAX_BYTES: 10 }), t.body.data.id, '<big@x>', files)).toEqual({ stored: [], skipped: ['huge.bin (64 bytes, over the 10-byte limit)'] });
  });

  it('logs mail to the reporter as failed while SMTP is not configured, and skips tickets without a reporter address', async () => {
    const t = await w.api(w.admin).post<{ id: string }>('tickets', { source: 'internal', title: 'Mail me', reporterEmail: 'someone@example.co.za' });
    const ticket = (await findTicketById(w.tdb.db, t.body.data.id)) as Ticket;
    const id = await w.tdb.db.transaction((tx) => queueReporterMail(tx, ctx({ SMTP_HOST: undefined }), ticket, 'status', 'test-no-smtp'));
    expect(await w.one('SELECT status, error FROM notification_log WHERE id = $1', [id])).toEqual({ status: 'failed', error: 'email is not configured (SMTP_HOST unset)' });
    expect(await w.tdb.db.transaction((tx) => queueReporterMail(tx, ctx(), { ...ticket, reporterEmail: null }, 'status', 'test-no-address'))).toBeNull();
    expect(mailDomain('no address here')).toBe('fibreflow.local');
    expect(reporterMessage('note', ticket).text).toContain(`Ticket ${ticket.ticketUid}`);
  });
});
