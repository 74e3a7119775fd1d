// Faults (issue 12 robustness): each channel's emulator fails and is killed mid-run; once it is back, every outbox item
// is delivered exactly once. A channel is one entry of CHANNELS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '@/src/lib/config';
import { enqueueOutbox } from '@/src/modules/ticketing/db/outboxRepo';
import { OUTBOX_KINDS } from '@/src/modules/ticketing/jobs/outboxTypes';
import { startInvoicingEmulator } from '@/emulators/invoicing';
import { OUR_ASSIGNEE, makeCases, startQcontactEmulator } from '@/emulators/qcontact';
import { startSmsEmulator } from '@/emulators/sms';
import { startWahaEmulator } from '@/emulators/waha';
import { billingWorld, type BillingWorld } from '../billingFixture';
import { startTestSmtp } from '../notificationServers';

/** One running emulator: what the worker needs to reach it, what it has accepted, and a way to fail or die. */
interface Endpoint {
  port: number;
  config: Partial<AppConfig>;
  /** The item markers it has accepted (each delivered item's marker once per delivery). */
  delivered(): string[];
  failNext(n: number): void;
  /** Holds every request this long before handling it, so a kill lands while one is in flight (not yet handled). */
  holdRequests?(ms: number): void;
  close(): Promise<void>;
}

interface FaultChannel {
  name: string;
  kind: string;
  /** Starts the emulator (on a given port when restarting after a kill). */
  start(port?: number): Promise<Endpoint>;
  /** A valid payload for item n, carrying `marker` where the emulator will show it. */
  payload(marker: string): unknown;
}

const closeWithin = (p: Promise<void>, ms = 2000) => Promise.race([p, new Promise<void>((r) => setTimeout(r, ms))]);

const invoicing: FaultChannel = {
  name: 'invoicing',
  kind: OUTBOX_KINDS.invoiceLine,
  async start(port) {
    const e = await startInvoicingEmulator({ apiKey: 'fault-key', port });
    return {
      port: Number(new URL(e.url).port), config: { INVOICING_URL: e.url, INVOICING_API_KEY: 'fault-key' },
      delivered: () => e.lines.map((l) => l.reference), failNext: (n) => e.failNext(n), holdRequests: (ms) => e.setDelay(ms), close: () => closeWithin(e.close()),
    };
  },
  payload: (marker) => ({
    ticketUid: marker, drNumber: null, clientId: null, clientName: null, description: `Line ${marker}`, quantity: 1,
    unitPriceCents: 10_000, subtotalCents: 10_000, vatRatePercent: 15, vatCents: 1_500, totalCents: 11_500, currency: 'ZAR', resolvedOn: null,
  }),
};

const smtp: FaultChannel = {
  name: 'smtp',
  kind: OUTBOX_KINDS.email,
  async start(port) {
    const s = await startTestSmtp(port);
    return {
      port: s.port, config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: s.port },
      delivered: () => s.mails.map((m) => m.subject), failNext: (n) => s.refuseNext(n, 451), close: () => closeWithin(s.close()),
    };
  },
  payload: (marker) => ({ to: 'customer@example.com', subject: marker, text: `Notice ${marker}`, template: 'fault.test' }),
};

const waha: FaultChannel = {
  name: 'waha',
  kind: OUTBOX_KINDS.whatsapp,
  async start(port) {
    const e = await startWahaEmulator({ apiKey: 'fault-waha-key', port });
    return {
      port: Number(new URL(e.url).port), config: { WAHA_URL: e.url, WAHA_API_KEY: 'fault-waha-key' },
      delivered: () => e.sends.map((x) => x.text ?? ''), failNext: (n) => e.failNext(n, 503), holdRequests: (ms) => e.setDelay(ms),
      close: () => closeWithin(e.close()),
    };
  },
  payload: (marker) => ({ chatId: '27820000001@c.us', text: marker, template: 'fault.test' }),
};

const sms: FaultChannel = {
  name: 'sms',
  kind: OUTBOX_KINDS.sms,
  async start(port) {
    const e = await startSmsEmulator({ apiKey: 'fault-sms-key', port });
    return {
      port: Number(new URL(e.url).port), config: { SMS_URL: e.url, SMS_API_KEY: 'fault-sms-key' },
      delivered: () => e.messages.map((m) => m.text), failNext: (n) => e.failNext(n, 503), close: () => closeWithin(e.close()),
    };
  },
  payload: (marker) => ({ to: '+27820000001', text: marker }),
};

const QC_CASE = makeCases({ count: 1 })[0];
const qcontact: FaultChannel = {
  name: 'qcontact',
  kind: OUTBOX_KINDS.qcontactNote,
  async start(port) {
    // A fresh process knows the case (QContact keeps its data) but no session: the client signs in again.
    const e = await startQcontactEmulator({ port, notePermission: true });
    e.addCase(structuredClone(QC_CASE));
    return {
      port: Number(new URL(e.url).port),
      config: { QCONTACT_URL: e.url, QCONTACT_EMAIL: e.email, QCONTACT_PASSWORD: e.password, QCONTACT_ASSIGNEE_ID: String(OUR_ASSIGNEE.id), QCONTACT_TIMEOUT_MS: 5000 },
      delivered: () => e.notes.map((n) => n.subtitle.replace(/^Agent: /, '')),
      failNext: (n) => e.failNext(n, 503),
      holdRequests: (ms) => e.setDelay(ms),
      close: () => closeWithin(e.close()),
    };
  },
  payload: (marker) => ({ ticketId: '00000000-0000-4000-8000-000000000099', caseId: String(QC_CASE.id), noteId: marker, body: marker, author: 'Agent' }),
};

/** Every channel with an emulator and a self-contained outbox kind (QContact's external notes; its status write-back,
 * which reads the linked ticket first, is failed and retried against the emulator in qcontactWriteBack.test.ts). */
const CHANNELS: FaultChannel[] = [invoicing, smtp, waha, sms, qcontact];

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld();
});
afterAll(async () => w.close());

describe.each(CHANNELS.map((c) => [c.name, c] as const))('outbox delivery through %s faults', (_name, channel) => {
  it('delivers every item exactly once after the emulator fails, is killed mid-run and comes back', async () => {
    await w.tdb.db.query('DELETE FROM outbox');
    const markers = Array.from({ length: 12 }, (_, i) => `FT${channel.name.length}${String(900_000 + i)}`);
    for (const m of markers) {
      await enqueueOutbox(w.tdb.db, { kind: channel.kind, payload: channel.payload(m), idempotencyKey: `${channel.name}-${m}`, runAt: w.clock.now(), maxAttempts: 20 });
    }
    const delivered: string[] = [];
    let ep = await channel.start();
    const batch = (limit = 3) => w.runOutbox({ limit, config: ep.config });
    const later = () => w.clock.advanceMinutes(60);

    await batch(); // up: the first three go through
    if (ep.holdRequests) {
      // Killed while a request is in flight: the connection drops before the emulator handled it; the item is retried.
      ep.holdRequests(1500);
      const inFlight = batch(1);
      await new Promise((r) => setTimeout(r, 300));
      delivered.push(...ep.delivered());
      await ep.close();
      expect((await inFlight).failed).toBeGreaterThan(0);
      later();
      ep = await channel.start(ep.port); // back, with a new memory (and no session)
    }
    ep.failNext(2); // failing: refused with a retryable answer
    await batch();
    delivered.push(...ep.delivered());
    await ep.close(); // killed mid-run: connection refused
    await batch();
    later();
    await batch();
    ep = await channel.start(ep.port); // back on the same address, with an empty memory
    for (let i = 0; i < 20; i += 1) {
      later();
      const r = await batch(5);
      if (r.processed === 0) break;
    }
    delivered.push(...ep.delivered());
    await ep.close();

    const rows = (await w.tdb.db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox')).rows;
    expect(rows.every((r) => r.status === 'sent'), JSON.stringify(rows)).toBe(true);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    expect([...delivered].sort()).toEqual([...markers].sort());
  });
});
