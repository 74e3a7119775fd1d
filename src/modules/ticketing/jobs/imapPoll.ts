// The IMAP poller (imapflow): every IMAP_POLL_SECONDS, under a job lease (one poller across processes), fetch the
// messages above the last UID taken, store each raw message in inbound_events (keyed by Message-ID, so a message
// fetched twice is stored once), advance (uidvalidity, last uid) in integration_state after each one, and flag it.
// A crash or a dropped connection between storing and recording fetches the message again: stored once, never lost.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ImapFlow } from 'imapflow';
import type { AppConfig } from '@/src/lib/config';
import { getIntegrationState, setIntegrationState, withJobLease } from '../db/integrationStateRepo';
import { storeRawMail } from '../services/email/emailWebhookService';
import type { OutboxDeps } from './outboxTypes';

export const IMAP_JOB = 'imap-poll';
export const IMAP_LEASE_MS = 5 * 60_000;
/** Messages taken per run, so one run stays short and its memory small. */
export const IMAP_BATCH = 100;
/** The keyword set on every message we took (besides \Seen). */
export const TAKEN_FLAG = '$FibreFlowTaken';

export interface ImapCursor {
  uidValidity: string;
  lastUid: number;
}

export interface ImapRunState {
  lastRunAt: string;
  ok: boolean;
  error: string | null;
  fetched: number;
  lastMessageAt: string | null;
  mailbox: string;
}

export interface ImapPollResult {
  skipped?: string;
  fetched: number;
  duplicates: number;
  cursor?: ImapCursor;
  error?: string;
}

export interface ImapPollOptions {
  /** Run now even when not due (the "poll now" button, tests). */
  force?: boolean;
  owner?: string;
  /** Called after each message is stored and recorded (tests use it to drop the connection mid-poll). */
  afterMessage?: (uid: number) => Promise<void>;
}

const DEFAULT_OWNER = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

export function imapClient(config: AppConfig): ImapFlow {
  return new ImapFlow({
    host: config.IMAP_HOST as string,
    port: config.IMAP_PORT,
    secure: config.IMAP_TLS,
    doSTARTTLS: config.IMAP_TLS ? undefined : false,
    auth: { user: config.IMAP_USER ?? '', pass: config.IMAP_PASSWORD ?? '' },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** Due when it never ran or the last run is IMAP_POLL_SECONDS old (pure). */
export function imapPollDue(last: Pick<ImapRunState, 'lastRunAt'> | null, now: Date, everySeconds: number): boolean {
  return !last || now.getTime() - new Date(last.lastRunAt).getTime() >= everySeconds * 1000;
}

async function pollOnce(deps: OutboxDeps, opts: ImapPollOptions, result: ImapPollResult): Promise<void> {
  const { db, config, clock } = deps;
  const client = imapClient(config);
  client.on('error', (err: Error) => deps.log.warn({ err: err.message }, 'imap connection error'));
  await client.connect();
  try {
    const lock = await client.getMailboxLock(config.IMAP_MAILBOX);
    try {
      const box = client.mailbox as { uidValidity: bigint };
      const uidValidity = String(box.uidValidity);
      const saved = await getIntegrationState<ImapCursor>(db, 'email', 'imap_cursor');
      // A new uidvalidity means the server renumbered the mailbox: start over (Message-IDs keep it from doubling).
      let cursor: ImapCursor = saved && saved.uidValidity === uidValidity ? saved : { uidValidity, lastUid: 0 };
      if (!saved || saved.uidValidity !== uidValidity) await setIntegrationState(db, 'email', 'imap_cursor', cursor, clock.now());
      const found = await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true });
      const uids = (found || []).filter((u) => u > cursor.lastUid).sort((a, b) => a - b).slice(0, IMAP_BATCH);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (msg && msg.source) {
          const r = await storeRawMail({ db, clock, log: deps.log }, msg.source, 'imap', { uid, uidValidity });
          if (r.duplicate) result.duplicates += 1;
          else result.fetched += 1;
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen', TAKEN_FLAG], { uid: true });
        cursor = { uidValidity, lastUid: uid };
        await setIntegrationState(db, 'email', 'imap_cursor', cursor, clock.now());
        await opts.afterMessage?.(uid);
      }
      result.cursor = cursor;
    } finally {
      lock.release();
    }
    await client.logout();
  } finally {
    client.close();
  }
}

/** One poll when due (or forced); records how it went for the integration page. */
export async function runImapPoll(deps: OutboxDeps, opts: ImapPollOptions = {}): Promise<ImapPollResult> {
  const { db, config, clock } = deps;
  if (!config.IMAP_HOST) return { skipped: 'IMAP is not configured (IMAP_HOST)', fetched: 0, duplicates: 0 };
  const last = await getIntegrationState<ImapRunState>(db, 'email', 'imap_run');
  if (!opts.force && !imapPollDue(last, clock.now(), config.IMAP_POLL_SECONDS)) return { skipped: 'not due', fetched: 0, duplicates: 0 };
  const ran = await withJobLease(db, IMAP_JOB, opts.owner ?? DEFAULT_OWNER, IMAP_LEASE_MS, () => clock.now(), async () => {
    const r: ImapPollResult = { fetched: 0, duplicates: 0 };
    try {
      await pollOnce(deps, opts, r);
    } catch (err) {
      r.error = err instanceof Error ? err.message : String(err);
      deps.log.warn({ err: r.error }, 'imap poll failed; the next run carries on from the last uid taken');
    }
    const now = clock.now().toISOString();
    const state: ImapRunState = {
      lastRunAt: now, ok: !r.error, error: r.error ?? null, fetched: r.fetched, mailbox: config.IMAP_MAILBOX,
      lastMessageAt: r.fetched > 0 ? now : (last?.lastMessageAt ?? null),
    };
    await setIntegrationState(db, 'email', 'imap_run', state, clock.now());
    return r;
  });
  return ran ?? { skipped: 'another process is polling', fetched: 0, duplicates: 0 };
}
