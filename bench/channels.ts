// The channel entries of the bench: WhatsApp webhooks (signed WAHA payloads, as the engine posts them) accepted by the
// route, the inbound worker draining them, and a full QContact sync against the emulator. Each returns its figures;
// the statements are counted through a wrapper around the bench's own pool (bench/countingDb.ts).
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/lib/config';
import { systemClock } from '../src/lib/clock';
import { createPgDb } from '../src/lib/db/pg';
import { rootLogger } from '../src/lib/logger';
import { drainInbound } from '../src/modules/ticketing/jobs/inboundWorker';
import { syncQcontact, type SyncRun } from '../src/modules/ticketing/jobs/qcontactSync';
import { createQcontactClient } from '../src/modules/ticketing/integrations/qcontact/qcontactClient';
import { OUR_ASSIGNEE, startQcontactEmulator, type QcontactEmulator } from '../emulators/qcontact';
import { countingDb, profileText, type CountingDb } from './countingDb';
import { walMeter } from './measure';
import type { LoadedDataset } from './dataset';

export interface ChannelFigures {
  ms: number;
  /** Items handled (events, cases). */
  count: number;
  perSecond: number;
  /** HTTP requests made to the other side (QContact). */
  requests?: number;
  /** SQL statements per item, BEGIN/COMMIT included (product side only). */
  statementsPerItem?: number;
  detail?: string;
  /** The scenario's own verdict where a number cannot say it (kept up with a steady load). */
  ok?: boolean;
}

// About eight messages per conversation: a chat's first message opens a ticket, the rest join it.
const CHATS = 250;
let sent = 0;

/** One signed WAHA webhook: messages (one in two as `message.any`) naming each chat's drop, and
 * every fifth an ack of the message before it. A chat's first message opens a ticket; the rest join it as notes. */
export function wahaWebhook(data: LoadedDataset, key: string): { body: string; headers: Record<string, string> } {
  sent += 1;
  const i = sent;
  const chat = (n: number) => `2782${String(1_000_000 + (n % CHATS))}@c.us`;
  const id = (n: number) => `false_${chat(n)}_BENCH${n}_${process.pid}`;
  const payload = i % 5 === 0
    ? { event: 'message.ack', payload: { id: id(i - 1), from: chat(i - 1), ack: 3, fromMe: false } }
    : {
      event: i % 2 ? 'message' : 'message.any',
      payload: {
        id: id(i), from: chat(i), fromMe: false, hasMedia: false, source: 'app', timestamp: Math.floor(Date.now() / 1000),
        body: `${data.drNumbers[(i % CHATS) % data.drNumbers.length]} no signal since this morning, red light on the ONT`,
        _data: { notifyName: `Customer ${i % CHATS}` },
      },
    };
  const body = JSON.stringify({ id: `evt_${process.pid}_${i}`, timestamp: Date.now(), session: 'default', engine: 'WEBJS', ...payload });
  return { body, headers: { 'x-webhook-hmac': createHmac('sha512', key).update(body).digest('hex'), 'x-webhook-hmac-algorithm': 'sha512' } };
}

const silentLog = () => rootLogger().child({}, { level: 'silent' });
const profiling = process.env.BENCH_PROFILE === '1';

function saveProfile(name: string, db: CountingDb, items: number): void {
  if (!profiling) return;
  mkdirSync(path.join('bench', 'results'), { recursive: true });
  writeFileSync(path.join('bench', 'results', `profile-${name}.txt`), `statements per item over ${items} items\n${profileText(db, items)}\n`);
}

/** The batch loops one worker process runs side by side (WORKER_INBOUND_LOOPS, as the worker reads it). */
export function benchInboundLoops(dbUrl: string): number {
  return parseConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', ...(process.env.WORKER_INBOUND_LOOPS ? { WORKER_INBOUND_LOOPS: process.env.WORKER_INBOUND_LOOPS } : {}) }).WORKER_INBOUND_LOOPS;
}

/**
 * The worker's inbound job as one worker process runs it (drainInbound: WORKER_INBOUND_LOOPS batch loops of 50), ticked back to back
 * until `max` events are handled; the last tick may take a few more.
 */
export async function drainInboundWorker(dbUrl: string, max: number): Promise<ChannelFigures> {
  const config = parseConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', WORKER_INBOUND_LOOPS: String(benchInboundLoops(dbUrl)) });
  const db = countingDb(createPgDb(dbUrl, config.WORKER_INBOUND_LOOPS + 2), profiling);
  const deps = { db, config, clock: systemClock, log: silentLog() };
  const outcome = { processed: 0, ignored: 0, review: 0, failed: 0, dead: 0 };
  let done = 0;
  let wal = '';
  const meter = await walMeter(db);
  const t0 = performance.now();
  try {
    while (done < max) {
      const r = await drainInbound(deps, { sources: ['whatsapp'], budgetMs: 250 });
      if (r.claimed === 0) break;
      done += r.claimed;
      for (const s of Object.keys(outcome) as (keyof typeof outcome)[]) outcome[s] += r[s];
    }
    wal = await meter.per(done);
  } finally {
    await db.close();
  }
  const ms = performance.now() - t0;
  saveProfile('whatsapp-processing', db, done);
  const outcomes = Object.entries(outcome).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ');
  const detail = `${outcomes}; ${wal}`;
  return { ms, count: done, perSecond: done / (ms / 1000), statementsPerItem: db.statements.count / Math.max(done, 1), detail };
}

async function withEmulator<T>(cases: number, drNumbers: readonly string[], fn: (emu: QcontactEmulator) => Promise<T>): Promise<T> {
  // FT numbers above the data set's (FT100001 up to FT1100000 at full size): every case is new to us.
  const emu = await startQcontactEmulator({ seed: { count: cases, otherShare: 0, now: new Date(), drNumbers, firstNumber: 2_000_000 } });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

const clientFor = (emu: QcontactEmulator) => createQcontactClient({ baseUrl: emu.url, email: emu.email, password: emu.password });

/** A first full sync of `cases` cases (on the data set's drops) into an empty link table: the real job, the emulator on loopback. */
export async function qcontactFullSync(dbUrl: string, cases: number, drNumbers: readonly string[]): Promise<ChannelFigures> {
  return withEmulator(cases, drNumbers, async (emu) => {
    const config = parseConfig({
      DATABASE_URL: dbUrl, LOG_LEVEL: 'silent', QCONTACT_URL: emu.url, QCONTACT_EMAIL: emu.email, QCONTACT_PASSWORD: emu.password,
      QCONTACT_ASSIGNEE_ID: OUR_ASSIGNEE.id,
    });
    const db = countingDb(createPgDb(dbUrl, 6), profiling);
    try {
      const deps = { db, config, clock: systemClock, log: silentLog() };
      const before = emu.requests.length;
      const t0 = performance.now();
      const run = (await syncQcontact(deps, { trigger: 'bench', client: clientFor(emu), full: true })) as SyncRun;
      const ms = performance.now() - t0;
      if (!run.ok) throw new Error(`QContact sync failed: ${run.error}`);
      const requests = emu.requests.length - before;
      const statements = db.statements.count;
      saveProfile('qcontact-sync', db, run.seen);
      // The same sweep again with nothing changed: every list page read, nothing fetched or written.
      const r0 = emu.requests.length;
      const t1 = performance.now();
      const again = (await syncQcontact(deps, { trigger: 'bench', client: clientFor(emu), full: true })) as SyncRun;
      const resync = `unchanged re-sync ${((performance.now() - t1) / 1000).toFixed(2)} s, ${emu.requests.length - r0} requests, ${again.unchanged} unchanged`;
      return {
        ms, count: run.seen, perSecond: run.seen / (ms / 1000), requests, statementsPerItem: statements / Math.max(run.seen, 1),
        detail: `${run.created} created, ${run.review} review, ${run.failed} failed, ${run.pages} pages; ${resync}`,
      };
    } finally {
      await db.close();
    }
  });
}
