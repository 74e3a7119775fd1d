// The IMAP poller against a real dovecot on loopback: fetch by UID, cursor in the database, flags, a server restart
// mid-poll, a lost cursor and a renumbered mailbox without losing or doubling a message, one poller at a time.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireJobLease, getIntegrationState, releaseJobLease, setIntegrationState } from '@/src/modules/ticketing/db/integrationStateRepo';
import { IMAP_JOB, imapPollDue, runImapPoll, TAKEN_FLAG, type ImapCursor, type ImapRunState } from '@/src/modules/ticketing/jobs/imapPoll';
import { dovecotAvailable, startDovecot, startTcpProxy, type TcpProxy, type TestDovecot } from '../../../helpers/dovecot';
import { emailWorld, type EmailWorld } from './emailFixture';

const HAVE_DOVECOT = dovecotAvailable();

function mail(n: number): string {
  return [`From: Caller ${n} <caller${n}@example.co.za>`, `Subject: Fault number ${n} at DR1734315`, `Message-ID: <imap-${n}@example.co.za>`, 'Content-Type: text/plain', '', `No signal, message ${n}.`, ''].join('\r\n');
}

describe.skipIf(!HAVE_DOVECOT)('IMAP polling against dovecot', () => {
  let d: TestDovecot;
  let proxy: TcpProxy;
  let w: EmailWorld;
  const imap = () => new ImapFlow({ host: d.host, port: d.port, secure: false, doSTARTTLS: false, auth: { user: d.user, pass: d.password }, logger: false });
  async function append(from: number, to: number): Promise<void> {
    const c = imap();
    await c.connect();
    for (let n = from; n <= to; n++) await c.append('INBOX', mail(n));
    await c.logout();
  }
  const stored = async () => Number((await w.one<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events WHERE source = 'email'")).n);
  const cursor = () => getIntegrationState<ImapCursor>(w.tdb.db, 'email', 'imap_cursor');

  beforeAll(async () => {
    d = await startDovecot();
    // The app reaches dovecot through a proxy the test can cut, as a network failure would.
    proxy = await startTcpProxy(d.port);
    w = await emailWorld({ IMAP_HOST: d.host, IMAP_PORT: String(proxy.port), IMAP_USER: d.user, IMAP_PASSWORD: d.password, IMAP_TLS: 'false', IMAP_POLL_SECONDS: '60' });
  });
  afterAll(async () => {
    await w?.close();
    await proxy?.close();
    await d?.close();
  });

  it('fetches new messages by UID, stores each once, flags them and remembers (uidvalidity, last uid)', async () => {
    await append(1, 3);
    const r = await runImapPoll(w.deps());
    expect(r).toMatchObject({ fetched: 3, duplicates: 0, cursor: { lastUid: 3 } });
    expect(await stored()).toBe(3);
    const c = imap();
    await c.connect();
    await c.mailboxOpen('INBOX');
    const flags: string[][] = [];
    for await (const m of c.fetch('1:*', { flags: true })) flags.push([...(m.flags ?? [])].sort());
    await c.logout();
    expect(flags).toEqual([['\\Seen', TAKEN_FLAG].sort(), ['\\Seen', TAKEN_FLAG].sort(), ['\\Seen', TAKEN_FLAG].sort()]);
    expect(await runImapPoll(w.deps())).toMatchObject({ skipped: 'not due' });
    w.clock.advanceMinutes(1);
    expect(await runImapPoll(w.deps())).toMatchObject({ fetched: 0, duplicates: 0, cursor: { lastUid: 3 } });
    const run = await getIntegrationState<ImapRunState>(w.tdb.db, 'email', 'imap_run');
    expect(run).toMatchObject({ ok: true, error: null, mailbox: 'INBOX', lastMessageAt: expect.any(String) });
  });

  it('survives the connection dropping and the server restarting mid-poll: the rest comes on the next run, nothing lost or doubled', async () => {
    await append(4, 7);
    let taken = 0;
    const r = await runImapPoll(w.deps(), {
      force: true,
      afterMessage: async () => {
        taken += 1;
        if (taken === 2) {
          proxy.cut();
          await d.kill();
        }
      },
    });
    expect(r.fetched).toBe(2);
    expect(r.error).toBeTruthy();
    expect(await getIntegrationState<ImapRunState>(w.tdb.db, 'email', 'imap_run')).toMatchObject({ ok: false, error: expect.any(String) });
    expect((await cursor())?.lastUid).toBe(5);
    const down = await runImapPoll(w.deps(), { force: true });
    expect(down.error).toBeTruthy();
    await d.start();
    expect(await runImapPoll(w.deps(), { force: true })).toMatchObject({ fetched: 2, duplicates: 0, cursor: { lastUid: 7 } });
    expect(await stored()).toBe(7);
    await w.inbound();
    expect(Number((await w.one<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE source = 'email'")).n)).toBe(7);
  });

  it('a cursor lost after storing (a crash before recording) or a renumbered mailbox fetches again but stores nothing twice', async () => {
    const c = (await cursor()) as ImapCursor;
    await setIntegrationState(w.tdb.db, 'email', 'imap_cursor', { ...c, lastUid: 4 }, w.clock.now());
    expect(await runImapPoll(w.deps(), { force: true })).toMatchObject({ fetched: 0, duplicates: 3, cursor: { lastUid: 7 } });
    await setIntegrationState(w.tdb.db, 'email', 'imap_cursor', { uidValidity: '1', lastUid: 7 }, w.clock.now());
    expect(await runImapPoll(w.deps(), { force: true })).toMatchObject({ fetched: 0, duplicates: 7, cursor: { uidValidity: c.uidValidity, lastUid: 7 } });
    expect(await stored()).toBe(7);
  });

  it('runs one poller at a time across processes', async () => {
    expect(await acquireJobLease(w.tdb.db, IMAP_JOB, 'other-process', 60_000, w.clock.now())).toBe(true);
    expect(await runImapPoll(w.deps(), { force: true })).toMatchObject({ skipped: 'another process is polling' });
    await releaseJobLease(w.tdb.db, IMAP_JOB, 'other-process');
    expect(await runImapPoll(w.deps(), { force: true })).toMatchObject({ fetched: 0 });
  });

  it('does nothing while IMAP is not configured, and is due once its interval has passed', async () => {
    expect(await runImapPoll({ ...w.deps(), config: { ...w.deps().config, IMAP_HOST: undefined } })).toEqual({ skipped: 'IMAP is not configured (IMAP_HOST)', fetched: 0, duplicates: 0 });
    const now = new Date('2026-11-25T08:00:00Z');
    expect(imapPollDue(null, now, 60)).toBe(true);
    expect(imapPollDue({ lastRunAt: '2026-11-25T07:59:30Z' }, now, 60)).toBe(false);
    expect(imapPollDue({ lastRunAt: '2026-11-25T07:59:00Z' }, now, 60)).toBe(true);
  });
});
