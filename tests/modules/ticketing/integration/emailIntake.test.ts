// Email over the wire: the webhook (token, raw body or form field, stored once per Message-ID), a new mail opening an
// EML ticket with its attachments and an acknowledgement sent over SMTP with threading headers, replies joining the
// ticket (and reopening it), agents' notes and status mail, automatic mail and bounces kept out of the workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailWorld, fixture, headerOf, WEBHOOK_TOKEN, type EmailWorld } from './emailFixture';

let w: EmailWorld;
beforeAll(async () => {
  w = await emailWorld();
});
afterAll(async () => w.close());

const count = async (sql: string, params: unknown[] = []) => Number((await w.one<{ n: number }>(sql, params)).n);
interface TicketView { id: string; ticketUid: string; status: string; title: string; description: string; reporterEmail: string; reporterName: string; drNumber: string; projectId: string; source: string; version: number }

describe('the email webhook', () => {
  it('refuses a missing or wrong token with 401 and stores nothing', async () => {
    expect((await w.post(fixture('new-fault.eml'), '')).status).toBe(401);
    expect((await w.post(fixture('new-fault.eml'), 'wrong-token-wrong-token')).status).toBe(401);
    expect(await count('SELECT count(*)::int AS n FROM inbound_events')).toBe(0);
  });

  it('refuses a body that is not a mail (400) or of another type (415)', async () => {
    expect((await w.post('just words, no headers at all', WEBHOOK_TOKEN, 'text/plain')).status).toBe(400);
    const json = await w.post(JSON.stringify({ hello: 1 }), WEBHOOK_TOKEN, 'application/json');
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('subject', 'no raw message here');
    expect((await w.post(form, WEBHOOK_TOKEN)).status).toBe(400);
    expect(await count('SELECT count(*)::int AS n FROM inbound_events')).toBe(0);
  });

  it('stores a raw message once per Message-ID and answers before parsing', async () => {
    const first = await w.post(fixture('new-fault.eml'));
    expect(first.status).toBe(202);
    expect(first.body.data).toMatchObject({ duplicate: false, messageId: '<new-fault-1@example.co.za>' });
    const again = await w.post(fixture('new-fault.eml'));
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ duplicate: true });
    const row = await w.one<{ status: string; external_id: string; n: number }>(
      "SELECT status, external_id, (SELECT count(*)::int FROM inbound_events) AS n FROM inbound_events WHERE source = 'email'",
    );
    expect(row).toEqual({ status: 'received', external_id: '<new-fault-1@example.co.za>', n: 1 });
  });

  it('takes the raw message from a multipart form field, the way inbound-mail services post it', async () => {
    const form = new FormData();
    form.append('to', 'tickets@fibreflow.test');
    form.append('email', fixture('html-only.eml').toString('utf8'));
    const r = await w.post(form, WEBHOOK_TOKEN);
    expect(r.status).toBe(202);
    const file = new FormData();
    file.append('body-mime', new Blob([new Uint8Array(fixture('rfc2047-b-q.eml'))], { type: 'message/rfc822' }), 'message.eml');
    expect((await w.post(file, WEBHOOK_TOKEN)).status).toBe(202);
    expect(await count("SELECT count(*)::int AS n FROM inbound_events WHERE external_id IN ('<html-only-1@example.co.za>', '<cs-2047@example.co.za>')")).toBe(2);
  });
});

describe('a new mail', () => {
  let t: TicketView;
  let ackId: string;

  it('opens an EML ticket with sender, subject, trimmed text, the drop and every attachment', async () => {
    await w.inbound();
    const ev = await w.one<{ status: string; ticket_id: string }>("SELECT status, ticket_id FROM inbound_events WHERE external_id = '<new-fault-1@example.co.za>'");
    expect(ev.status).toBe('processed');
    t = (await w.api(w.agent).get<TicketView>(`tickets-detail?id=${ev.ticket_id}`)).body.data;
    expect(t).toMatchObject({ source: 'email', title: 'No internet at DR1734315', reporterEmail: 'thandi@example.co.za', reporterName: 'Thandi Mokoena', drNumber: 'DR1734315', projectId: w.projectId });
    expect(t.ticketUid).toMatch(/^EML-\d{6}$/);
    expect(t.description).toContain('The fibre light on my ONT is red');
    expect(t.description).not.toContain('082 555 0101');
    const files = (await w.api(w.agent).get<{ fileName: string; mimeType: string; sizeBytes: number }[]>(`tickets-attachments?id=${t.ticketUid}`)).body.data;
    expect(files.map((f) => [f.fileName, f.mimeType]).sort()).toEqual([['ont.png', 'image/png'], ['photo-report.pdf', 'application/pdf']]);
  });

  it('opens a ticket from an HTML-only mail, its text taken from the HTML', async () => {
    const ev = await w.one<{ ticket_uid: string; description: string; dr_number: string | null }>(
      "SELECT t.ticket_uid, t.description, t.dr_number FROM inbound_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.external_id = '<html-only-1@example.co.za>'",
    );
    expect(ev.description).toContain('A cable is hanging low outside number 12.');
    expect(ev.description).not.toContain('<b>');
    expect(ev.dr_number).toBe('DR1734316');
  });

  it('acknowledges by SMTP with the UID in the subject, threading headers and Auto-Submitted', async () => {
    await w.outbox();
    const ack = w.smtp.mails.find((m) => m.to.includes('thandi@example.co.za'));
    expect(ack).toBeDefined();
    const raw = (ack as { raw: string }).raw;
    expect(ack?.subject).toContain(`[${t.ticketUid}]`);
    expect(headerOf(raw, 'In-Reply-To')).toBe('<new-fault-1@example.co.za>');
    expect(headerOf(raw, 'References')).toContain('<new-fault-1@example.co.za>');
    expect(headerOf(raw, 'Auto-Submitted')).toBe('auto-replied');
    ackId = headerOf(raw, 'Message-ID');
    expect(ackId).toMatch(new RegExp(`^<${t.ticketUid}\\.[0-9a-f-]+@fibreflow\\.test>$`));
    expect(await w.one<{ status: string }>("SELECT status FROM notification_log WHERE template = 'email.ack' AND ticket_id = $1", [t.id])).toEqual({ status: 'sent' });
  });

  it('a reply to our acknowledgement joins the ticket as an external note, bottom-posted text kept', async () => {
    expect((await w.post(fixture('reply-bottom-posted.eml', { UID: t.ticketUid, ACK_ID: ackId }))).status).toBe(202);
    await w.inbound();
    const notes = (await w.api(w.agent).get<{ noteType: string; channel: string; body: string; authorName: string }[]>(`tickets-notes?id=${t.ticketUid}`)).body.data;
    const note = notes.find((n) => n.channel === 'email');
    expect(note).toMatchObject({ noteType: 'external', authorName: 'Thandi Mokoena' });
    expect(note?.body).toContain('The light is green again');
    expect(note?.body).toContain('still slow in the evenings');
    expect(note?.body).not.toContain('We received your message');
    expect(await count("SELECT count(*)::int AS n FROM tickets WHERE source = 'email'")).toBe(3);
  });

  it('a reply naming the UID reopens a resolved ticket; quoted history is trimmed', async () => {
    w.clock.advanceMinutes(5);
    await w.tdb.db.query("UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1", [t.id]);
    await w.post(fixture('reply-top-posted.eml', { UID: t.ticketUid }));
    await w.inbound();
    const after = (await w.api(w.agent).get<TicketView>(`tickets-detail?id=${t.ticketUid}`)).body.data;
    expect(after.status).toBe('in_progress');
    const notes = (await w.api(w.agent).get<{ body: string; channel: string }[]>(`tickets-notes?id=${t.ticketUid}`)).body.data.filter((n) => n.channel === 'email');
    expect(notes.at(-1)?.body).toBe('It is broken again this morning.');
    // The reporter's own reopen is not announced back to them.
    expect(await count("SELECT count(*)::int AS n FROM notification_log WHERE template = 'email.status'")).toBe(0);
  });

  it("sends an agent's external note and status changes to the reporter, threaded", async () => {
    w.clock.advanceMinutes(5);
    const sentBefore = w.smtp.mails.length;
    const note = await w.api(w.agent).post(`tickets-notes?id=${t.ticketUid}`, { noteType: 'external', body: 'A technician is booked for tomorrow 09:00.' });
    expect(note.status).toBe(201);
    await w.api(w.agent).post(`tickets-notes?id=${t.ticketUid}`, { noteType: 'internal', body: 'Internal only: not mailed.' });
    const st = await w.api(w.agent).post('tickets-status', { id: t.ticketUid, status: 'resolved' });
    expect(st.status).toBe(200);
    await w.outbox();
    const fresh = w.smtp.mails.slice(sentBefore);
    expect(fresh).toHaveLength(2);
    const noteMail = fresh.find((m) => m.raw.includes('A technician is booked')) as { raw: string; subject: string };
    expect(noteMail.subject).toContain(`[${t.ticketUid}]`);
    expect(headerOf(noteMail.raw, 'Auto-Submitted')).toBe('');
    expect(headerOf(noteMail.raw, 'In-Reply-To')).toBe('<reply-top-1@example.co.za>');
    expect(headerOf(noteMail.raw, 'References')).toContain(ackId);
    const statusMail = fresh.find((m) => m.raw.includes('is now resolved')) as { raw: string };
    expect(headerOf(statusMail.raw, 'Auto-Submitted')).toBe('auto-replied');
    expect(fresh.some((m) => m.raw.includes('Internal only'))).toBe(false);
  });

  it('automatic mail never opens, reopens or answers, even naming our UID; it waits for review', async () => {
    const names = ['auto-submitted.eml', 'x-autoreply.eml', 'x-auto-response-suppress.eml', 'precedence-bulk.eml', 'precedence-junk.eml', 'precedence-list.eml', 'list-id.eml', 'owner-sender.eml', 'empty-return-path.eml'];
    const tickets = await count('SELECT count(*)::int AS n FROM tickets');
    const notes = await count('SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1', [t.id]);
    const mails = await count('SELECT count(*)::int AS n FROM outbox');
    for (const n of names) expect((await w.post(fixture(n, { UID: t.ticketUid }))).status).toBe(202);
    await w.inbound();
    const rows = (await w.tdb.db.query<{ status: string; error: string }>(
      'SELECT status, error FROM inbound_events WHERE external_id = ANY($1::text[])',
      [names.map((n) => (n === 'owner-sender.eml' ? '<owner-1@lists.example.co.za>' : n === 'empty-return-path.eml' ? '<empty-rp-1@example.co.za>' : `<${n}@example.co.za>`))],
    )).rows;
    expect(rows).toHaveLength(names.length);
    for (const r of rows) expect(r.status).toBe('review');
    expect(await count('SELECT count(*)::int AS n FROM tickets')).toBe(tickets);
    expect(await count('SELECT count(*)::int AS n FROM ticket_notes WHERE ticket_id = $1', [t.id])).toBe(notes);
    expect(await count('SELECT count(*)::int AS n FROM outbox')).toBe(mails);
    expect((await w.api(w.agent).get<TicketView>(`tickets-detail?id=${t.ticketUid}`)).body.data.status).toBe('resolved');
  });

  it('a bounce of our acknowledgement marks that notification failed and goes to review', async () => {
    await w.post(fixture('bounce.eml', { UID: t.ticketUid, ACK_ID: ackId }));
    await w.inbound();
    expect(await w.one("SELECT status, error FROM inbound_events WHERE external_id = '<bounce-1@mx.example.co.za>'")).toMatchObject({ status: 'review', error: expect.stringMatching(/1 notification\(s\) marked failed/) });
    expect(await w.one("SELECT status, error FROM notification_log WHERE template = 'email.ack' AND ticket_id = $1", [t.id])).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Bounced/) });
  });

  it('joins a mail naming an FT reference to that QContact ticket', async () => {
    const ft = await w.api(w.admin).post<TicketView>('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'Slow line' });
    expect(ft.status).toBe(201);
    await w.post(fixture('ft-reference.eml'));
    await w.inbound();
    expect(await w.one("SELECT e.status, t.ticket_uid FROM inbound_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.external_id = '<ft-ref-1@networkowner.co.za>'")).toEqual({ status: 'processed', ticket_uid: 'FT490441' });
  });

  it('sends unparseable mail to review with the reason, and ignores our own mail coming back', async () => {
    await w.post(fixture('no-from.eml'));
    await w.post(`From: tickets@fibreflow.test\r\nSubject: Re: loop\r\nMessage-ID: <loop-1@fibreflow.test>\r\n\r\nOur own.\r\n`);
    await w.inbound();
    expect(await w.one("SELECT status, error FROM inbound_events WHERE external_id = '<no-from-1@example.co.za>'")).toEqual({ status: 'review', error: 'Unparseable mail: no sender address (From)' });
    expect(await w.one("SELECT status FROM inbound_events WHERE external_id = '<loop-1@fibreflow.test>'")).toEqual({ status: 'ignored' });
  });

  it("keeps attachments under an upload's rules: a program or a file lying about its type is not stored, and the note says so", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 3)]).toString('base64');
    const part = (name: string, type: string, b64: string) =>
      `--B\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n`;
    const raw = [
      'From: Sipho <sipho@example.co.za>\r\nTo: tickets@fibreflow.test\r\nSubject: Pole down near DR1734315\r\nMessage-ID: <files-1@example.co.za>\r\n',
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe pole is down, photos attached.\r\n',
      part('setup.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00 program').toString('base64')),
      part('fake.png', 'image/png', Buffer.from('not an image at all').toString('base64')),
      part('pole.png', 'application/octet-stream', png),
      '--B--\r\n',
    ].join('');
    expect((await w.post(raw)).status).toBe(202);
    await w.inbound();
    const ev = await w.one<{ ticket_id: string }>("SELECT ticket_id FROM inbound_events WHERE external_id = '<files-1@example.co.za>'");
    const files = (await w.api(w.agent).get<{ fileName: string; mimeType: string }[]>(`tickets-attachments?id=${ev.ticket_id}`)).body.data;
    expect(files.map((f) => [f.fileName, f.mimeType])).toEqual([['pole.png', 'image/png']]);
    const notes = await w.one<{ body: string }>("SELECT string_agg(body, ' | ') AS body FROM ticket_notes WHERE ticket_id = $1", [ev.ticket_id]);
    expect(notes.body).toContain('setup.exe (type application/x-msdownload is not allowed)');
    expect(notes.body).toContain('fake.png (its content is not really image/png)');
  });
});
