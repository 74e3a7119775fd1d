// The bench's table of scenarios. Each is one entry: a load driven through autocannon on both servers, a single
// timed call on both, or a channel job (the inbound worker, the QContact sync) run from the bench process beside its floor.
import type pg from 'pg';
import { benchInboundLoops, drainInboundWorker, qcontactFullSync, wahaWebhook, type ChannelFigures } from './channels';
import { drainInboundFloor, qcontactSyncFloor } from './channelFloors';
import { floorSide, productSide, receiverSide, sustainedWhatsapp } from './sustained';
import { BENCH_TOKENS, type LoadedDataset } from './dataset';
import type { LoadRequest } from './measure';

export interface BenchContext {
  data: LoadedDataset;
  db: pg.ClientBase;
  cronSecret: string;
  quick: boolean;
  /** How many open tickets the SLA sweep runs over and how many rows the CSV export holds. */
  sweepOpen: number;
  exportRows: number;
  /** The bench database (channel jobs open their own pool on it). */
  dbUrl: string;
  /** WAHA_WEBHOOK_KEY of both servers: every webhook is signed with it. */
  wahaKey: string;
  /** How many stored webhooks the inbound worker drains, and how many cases QContact holds for the sync. */
  drainEvents: number;
  qcontactCases: number;
  /** The product server (next start) and the environment it runs with (a worker process started beside it gets the same). */
  productBase: string;
  productPid: number;
  /** The webhook receiver (npm run receiver: the same webhook routes without Next.js in front). */
  receiverBase: string;
  receiverPid: number;
  /** The bare floor server (bench/floor-server.ts). */
  floorBase: string;
  floorPid: number;
  serverEnv: Record<string, string>;
  /** The run's stamp, for the names of its log files in bench/results. */
  stamp: string;
}

export interface LoadScenario {
  kind: 'load';
  name: string;
  target: { p95Ms?: number; rps?: number };
  /** The product's server when not `next start` (the webhook receiver). */
  productBase?: (c: BenchContext) => string;
  product: (c: BenchContext) => LoadRequest;
  floor: (c: BenchContext) => LoadRequest;
}

export interface OnceScenario {
  kind: 'once';
  name: string;
  target: { ms?: number; rssMb?: number };
  /** Runs before each side's call (e.g. makes tickets due for the sweep). */
  prepare?: (c: BenchContext) => Promise<void>;
  product: (c: BenchContext) => { path: string; init: RequestInit };
  floor: (c: BenchContext) => { path: string; init: RequestInit };
}

export interface ChannelScenario {
  kind: 'channel';
  name: string;
  /** What the job handles (events, cases). */
  unit: string;
  target: { perSecond?: number; ms?: number };
  product: (c: BenchContext) => Promise<ChannelFigures>;
  /** The same calls with nothing of ours in between; absent where there is no meaningful floor. */
  floor?: (c: BenchContext) => Promise<ChannelFigures>;
}

export type Scenario = LoadScenario | OnceScenario | ChannelScenario;

const auth = { authorization: `Bearer ${BENCH_TOKENS.agent}` };
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
let created = 0;

function createBody(c: BenchContext): string {
  created += 1;
  return JSON.stringify({
    source: 'internal', ticketType: 'fault', priority: pick(['low', 'medium', 'high', 'critical']),
    title: `Bench fault ${created}: no signal`, description: 'Customer reports a red LOS light since this morning.',
    drNumber: pick(c.data.drNumbers),
  });
}

/** How many SLA thresholds come due in one minute among ~100,000 open tickets whose targets run for hours to days. */
export const SWEEP_DUE = 200;

async function makeSweepDue(c: BenchContext): Promise<void> {
  // Reopen closed tickets (newest first) until sweepOpen tickets are open, each with its next check still ahead.
  await c.db.query(
    `UPDATE tickets SET status = 'in_progress', resolved_at = NULL, closed_at = NULL,
            sla_next_check_at = now() + make_interval(mins => 5 + (hashtext(ticket_uid) & 4095))
      WHERE id IN (SELECT id FROM tickets WHERE status = 'closed' ORDER BY created_at DESC
                    LIMIT greatest(0, $1 - (SELECT count(*) FROM tickets
                                              WHERE deleted_at IS NULL AND status NOT IN ('resolved','closed','cancelled'))))`,
    [c.sweepOpen],
  );
  // Exactly SWEEP_DUE due: the data set's own checks come due as the run goes on (its open tickets were checked
  // 5 + n minutes after the load), so any that are due by now move an hour ahead. Without this, a full run reached the
  // sweep with 166 more tickets due, each crossing all three thresholds: 947 fired instead of 200, 9.6 s instead of 1.4.
  await c.db.query("UPDATE tickets SET sla_next_check_at = now() + interval '1 hour' WHERE sla_next_check_at <= now() + interval '5 minutes'");
  // As a minute of a real sweep finds them: each due ticket has answered its customer and just crossed its
  // resolution warning (75 % of a 24-hour around-the-clock target), its only threshold due.
  await c.db.query(
    `UPDATE tickets SET status = 'in_progress', sla_business_hours = false, sla_resolution_seconds = 86400, sla_response_seconds = 14400,
            created_at = now() - interval '18 hours 10 minutes', first_response_due_at = now() - interval '14 hours 10 minutes',
            first_responded_at = now() - interval '17 hours', due_at = now() + interval '5 hours 50 minutes',
            sla_warning_at = NULL, sla_escalated_at = NULL, sla_breached_at = NULL, sla_next_check_at = now() - interval '1 minute'
      WHERE id IN (SELECT id FROM tickets WHERE sla_next_check_at > now() ORDER BY sla_next_check_at LIMIT $1)`,
    [SWEEP_DUE],
  );
}

// Signed WAHA webhooks: to the product's route (under next start or in the receiver) and to the floor's bare insert.
const webhookToRoute = (c: BenchContext): LoadRequest => ({ method: 'POST', path: '/api/ticketing/tickets-webhook-whatsapp', vary: () => wahaWebhook(c.data, c.wahaKey) });
const webhookToFloor = (c: BenchContext): LoadRequest => ({ method: 'POST', path: '/ingest', vary: () => wahaWebhook(c.data, c.wahaKey) });

export const SCENARIOS: Scenario[] = [
  {
    kind: 'load', name: 'list, newest 50', target: { p95Ms: 20 },
    product: () => ({ method: 'GET', path: '/api/ticketing/tickets?limit=50', headers: auth }),
    floor: () => ({ method: 'GET', path: '/list' }),
  },
  {
    kind: 'load', name: 'search "gizzu"', target: { p95Ms: 60 },
    product: () => ({ method: 'GET', path: '/api/ticketing/tickets?limit=50&q=gizzu', headers: auth }),
    floor: () => ({ method: 'GET', path: '/search?q=gizzu' }),
  },
  {
    kind: 'load', name: 'ticket detail', target: { p95Ms: 20 },
    product: (c) => ({ method: 'GET', path: '/api/ticketing/tickets-detail', headers: auth, vary: () => ({ path: `/api/ticketing/tickets-detail?id=${pick(c.data.sampleUids)}` }) }),
    floor: (c) => ({ method: 'GET', path: '/detail', vary: () => ({ path: `/detail?id=${pick(c.data.sampleUids)}` }) }),
  },
  {
    kind: 'load', name: 'dashboard stats', target: { p95Ms: 50 },
    product: () => ({ method: 'GET', path: '/api/ticketing/tickets-stats', headers: auth }),
    floor: (c) => ({ method: 'GET', path: `/stats?user=${c.data.agentId}` }),
  },
  {
    kind: 'load', name: 'create ticket', target: { rps: 500 },
    product: (c) => ({ method: 'POST', path: '/api/ticketing/tickets', headers: auth, vary: () => ({ body: createBody(c) }) }),
    floor: (c) => ({ method: 'POST', path: '/create', vary: () => ({ body: createBody(c) }) }),
  },
  {
    kind: 'once', name: 'CSV export', target: { ms: 5000, rssMb: 256 },
    product: () => ({ path: '/api/ticketing/exports-tickets?format=csv', init: { headers: auth, signal: AbortSignal.timeout(300_000) } }),
    floor: (c) => ({ path: `/export?max=${c.exportRows}`, init: { signal: AbortSignal.timeout(300_000) } }),
  },
  {
    kind: 'once', name: 'SLA sweep', target: { ms: 1000 }, prepare: makeSweepDue,
    product: (c) => ({ path: '/api/ticketing/cron-sla', init: { method: 'POST', headers: { authorization: `Bearer ${c.cronSecret}` } } }),
    floor: () => ({ path: '/sla-sweep', init: { method: 'POST' } }),
  },
  // Channels last: the messages they process open tickets, which the scenarios above should not see.
  {
    kind: 'load', name: 'WhatsApp webhook ingest', target: { rps: 1000 },
    product: webhookToRoute,
    floor: webhookToFloor,
  },
  {
    // The same route in the webhook receiver (npm run receiver): the same handler without Next.js in front.
    kind: 'load', name: 'WhatsApp webhook ingest, receiver process', target: { rps: 1000 }, productBase: (c) => c.receiverBase,
    product: webhookToRoute,
    floor: webhookToFloor,
  },
  {
    // The webhooks both servers just stored, drained by the worker's inbound job as one worker process runs it
    // (WORKER_INBOUND_LOOPS batch loops); the floor drains the next ones as bare writes (as many loops, a transaction
    // per claimed batch, as the product). Keeping up means draining at least as fast as the ingest target.
    kind: 'channel', name: 'WhatsApp processing (inbound worker)', unit: 'events', target: { perSecond: 1000 },
    product: (c) => drainInboundWorker(c.dbUrl, c.drainEvents),
    floor: (c) => drainInboundFloor(c.dbUrl, c.drainEvents, benchInboundLoops(c.dbUrl)),
  },
  {
    // Both at once, as in production: 1,000 webhooks/s offered to the route while one worker process drains them.
    // Met when the route takes the rate and the queue is empty within 10 s of the load stopping (bench/sustained.ts).
    // The floor runs the same load against its bare insert with its bare drain in a process of its own: where the
    // floor does not keep up either, the machine is too slow to show the target, whatever the product does.
    kind: 'channel', name: 'WhatsApp sustained (1,000 webhooks/s in, worker draining)', unit: 'webhooks', target: {},
    product: (c) => sustainedWhatsapp(c, productSide(c), { rate: 1000, seconds: c.quick ? 10 : 30 }),
    floor: (c) => sustainedWhatsapp(c, floorSide(c), { rate: 1000, seconds: c.quick ? 10 : 30 }),
  },
  {
    // The same with WAHA pointed at the webhook receiver instead of next start (the floor runs again beside it).
    kind: 'channel', name: 'WhatsApp sustained, receiver process', unit: 'webhooks', target: {},
    product: (c) => sustainedWhatsapp(c, receiverSide(c), { rate: 1000, seconds: c.quick ? 10 : 30 }),
    floor: (c) => sustainedWhatsapp(c, floorSide(c), { rate: 1000, seconds: c.quick ? 10 : 30 }),
  },
  {
    kind: 'channel', name: 'QContact full sync', unit: 'cases', target: {},
    product: (c) => qcontactFullSync(c.dbUrl, c.qcontactCases, c.data.drNumbers),
    floor: (c) => qcontactSyncFloor(c.dbUrl, c.qcontactCases, c.data.drNumbers),
  },
];
