// The background worker: every interval, deliver due outbox items, sweep SLA thresholds and the other jobs; inbound
// events (webhooks and polls stored for processing) on a loop of their own.
// Runs inside `npm start` (Next.js instrumentation; the only way on PGlite, which one process owns) or as
// `npm run worker` processes on PostgreSQL. A tick never overlaps the previous one; a failing job is logged
// and the loop carries on.
import type { OutboxDeps } from './outboxTypes';

export interface WorkerJob {
  name: string;
  run(deps: OutboxDeps): Promise<unknown>;
  /** Runs at most this often (default: every tick). */
  everyMs?: number;
}

/** The SLA sweep walks every open ticket: once a minute is plenty; the outbox runs every tick. */
export const SLA_SWEEP_EVERY_MS = 60_000;

export interface TickResult {
  job: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Loads the module's jobs lazily; a job whose module is missing or broken is skipped with a log line. */
export async function loadWorkerJobs(
  deps: Pick<OutboxDeps, 'log'>,
  loaders: Record<string, () => Promise<WorkerJob['run'] | undefined>> = DEFAULT_LOADERS,
): Promise<WorkerJob[]> {
  const jobs: WorkerJob[] = [];
  for (const [name, load] of Object.entries(loaders)) {
    try {
      const run = await load();
      if (run) jobs.push({ name, run, everyMs: name === 'slaSweep' ? SLA_SWEEP_EVERY_MS : undefined });
      else deps.log.warn({ job: name }, 'worker job not available: skipped');
    } catch (err) {
      deps.log.warn({ job: name, err }, 'worker job could not be loaded: skipped');
    }
  }
  return jobs;
}

const DEFAULT_LOADERS: Record<string, () => Promise<WorkerJob['run'] | undefined>> = {
  outbox: async () => (await import('./outboxWorker')).processOutboxBatch,
  inbound: async () => (await import('./inboundWorker')).drainInbound,
  slaSweep: async () => (await import('./slaSweep')).runSlaSweep,
  qcontactSync: async () => (await import('./qcontactSync')).runScheduledQcontactSync,
  imapPoll: async () => (await import('./imapPoll')).runImapPoll,
  // Scheduled channel jobs (QContact sync, IMAP poll) add one line each here. Such a job decides itself whether it is
  // due (its last run is in integration_state) and holds a job lease, so its schedule holds across processes.
  unknownDrops: async () => (await import('../services/unknownDropService')).linkRegisteredDrops,
  repeatFaults: async () => (await import('../services/network/repeatFaultService')).processRepeatFaultQueue,
  queueVacuum: async () => (await import('./queueVacuum')).runQueueVacuum,
};

/** Runs every job that is due, in order; returns what each did. `lastRun` (job -> ms) is updated. */
export async function runWorkerTick(
  deps: OutboxDeps,
  jobs: readonly WorkerJob[],
  lastRun: Map<string, number> = new Map(),
  now: () => number = Date.now,
): Promise<TickResult[]> {
  const results: TickResult[] = [];
  for (const job of jobs) {
    const last = lastRun.get(job.name);
    if (job.everyMs && last !== undefined && now() - last < job.everyMs) continue;
    lastRun.set(job.name, now());
    try {
      results.push({ job: job.name, ok: true, result: await job.run(deps) });
    } catch (err) {
      deps.log.error({ job: job.name, err }, 'worker job failed');
      results.push({ job: job.name, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return results;
}

export interface WorkerLoop {
  /** Resolves when the first tick has finished (tests and scripts). */
  firstTick: Promise<TickResult[]>;
  ticks(): number;
  /** Stops scheduling and waits for a running tick to finish. */
  stop(): Promise<void>;
}

const moreWaiting = (t: TickResult): boolean => t.ok && typeof t.result === 'object' && t.result !== null && (t.result as { more?: unknown }).more === true;

export function startWorkerLoop(deps: OutboxDeps, jobs: readonly WorkerJob[], intervalMs: number): WorkerLoop {
  let stopped = false;
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickResult[]> = Promise.resolve([]);
  const lastRun = new Map<string, number>();
  const tick = (): Promise<TickResult[]> => {
    running = runWorkerTick(deps, jobs, lastRun).then((r) => {
      count += 1;
      // A job that stopped on its time budget with work waiting ({ more: true }) gets the next tick at once.
      if (!stopped) timer = setTimeout(tick, r.some(moreWaiting) ? 0 : intervalMs);
      return r;
    });
    return running;
  };
  const firstTick = tick();
  deps.log.info({ jobs: jobs.map((j) => j.name), intervalMs }, 'worker started');
  return {
    firstTick,
    ticks: () => count,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      deps.log.info({ ticks: count }, 'worker stopped');
    },
  };
}

/** Jobs that carry what customers and other systems sent: on a loop of their own, so a long sweep never holds a message back. */
export const INBOUND_LANE: ReadonlySet<string> = new Set(['inbound']);

/**
 * The worker's loops: the inbound lane on its own (resting `inboundMs` once its queue is empty), every other job on
 * the main loop (every `intervalMs`). Stopping stops both; `ticks` counts both.
 */
export function startWorkerLoops(deps: OutboxDeps, jobs: readonly WorkerJob[], o: { intervalMs: number; inboundMs: number }): WorkerLoop {
  const inbound = jobs.filter((j) => INBOUND_LANE.has(j.name));
  const main = jobs.filter((j) => !INBOUND_LANE.has(j.name));
  const loops = [
    ...(inbound.length ? [startWorkerLoop(deps, inbound, o.inboundMs)] : []),
    ...(main.length ? [startWorkerLoop(deps, main, o.intervalMs)] : []),
  ];
  return {
    firstTick: Promise.all(loops.map((l) => l.firstTick)).then((r) => r.flat()),
    ticks: () => loops.reduce((n, l) => n + l.ticks(), 0),
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}

const holder = globalThis as unknown as { __fibreflowWorker?: WorkerLoop };

/** Starts the in-process worker once per process (Next.js instrumentation), when WORKER_ENABLED. */
export async function startInProcessWorker(): Promise<WorkerLoop | null> {
  const { getRuntime } = await import('@/src/lib/runtime');
  const { moduleLogger } = await import('@/src/lib/logger');
  const rt = await getRuntime();
  const log = moduleLogger('worker');
  if (!rt.config.WORKER_ENABLED) {
    log.info('WORKER_ENABLED=false: no in-process worker');
    return null;
  }
  if (holder.__fibreflowWorker) return holder.__fibreflowWorker;
  const deps: OutboxDeps = { db: rt.db, config: rt.config, clock: rt.clock, log };
  const loop = startWorkerLoops(deps, await loadWorkerJobs(deps), { intervalMs: rt.config.WORKER_INTERVAL_MS, inboundMs: rt.config.WORKER_INBOUND_INTERVAL_MS });
  holder.__fibreflowWorker = loop;
  return loop;
}
