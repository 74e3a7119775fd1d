// The worker loop: runs the outbox and SLA jobs on a real database, throttles the sweep, survives a failing
// job, skips a job it cannot load, and starts once per process only when WORKER_ENABLED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { rootLogger } from '@/src/lib/logger';
import { setConfig } from '@/src/lib/config';
import { setRuntime } from '@/src/lib/runtime';
import { loadWorkerJobs, runWorkerTick, SLA_SWEEP_EVERY_MS, startInProcessWorker, startWorkerLoop, startWorkerLoops, type WorkerJob } from '@/src/modules/ticketing/jobs/worker';
import type { OutboxDeps } from '@/src/modules/ticketing/jobs/outboxTypes';
import { createTestDb, type TestDb } from '../helpers/db';
import { testConfig } from '../helpers/server';

let tdb: TestDb;
let deps: OutboxDeps;

beforeAll(async () => {
  tdb = await createTestDb();
  deps = { db: tdb.db, config: testConfig(), clock: new ManualClock('2026-11-25T08:00:00Z'), log: rootLogger().child({}, { level: 'silent' }) };
});
afterAll(async () => {
  setRuntime(undefined);
  setConfig(undefined);
  await tdb.drop();
});

describe('worker jobs', () => {
  it('loads the outbox delivery, the inbound queue, the SLA sweep (at most once a minute) and the QContact sync', async () => {
    const jobs = await loadWorkerJobs(deps);
    // Channels add their own scheduled jobs after these; the core three come first, in this order.
    expect(jobs.slice(0, 3).map((j) => [j.name, j.everyMs])).toEqual([['outbox', undefined], ['inbound', undefined], ['slaSweep', SLA_SWEEP_EVERY_MS]]);
    expect(jobs.map((j) => j.name)).toEqual(expect.arrayContaining(['unknownDrops', 'repeatFaults', 'qcontactSync', 'imapPoll', 'queueVacuum']));
  });

  it('runs both against the database and reports what they did', async () => {
    const results = await runWorkerTick(deps, await loadWorkerJobs(deps));
    expect(results.slice(0, 3).map((r) => [r.job, r.ok])).toEqual([['outbox', true], ['inbound', true], ['slaSweep', true]]);
    expect(results.every((r) => r.ok)).toBe(true);
    // QContact is not configured in this run: the scheduled sync says so and does nothing.
    expect(results.find((r) => r.job === 'qcontactSync')?.result).toEqual({ skipped: 'QContact is not configured' });
  });

  it('skips a job whose module is missing or broken, with a log line', async () => {
    const jobs = await loadWorkerJobs(deps, {
      present: async () => async () => 'ran',
      missing: async () => undefined,
      broken: async () => {
        throw new Error('Cannot find module');
      },
    });
    expect(jobs.map((j) => j.name)).toEqual(['present']);
  });

  it('throttles a job with everyMs and carries on after a failing job', async () => {
    let t = 1_000_000;
    const calls: string[] = [];
    const jobs: WorkerJob[] = [
      { name: 'fails', run: async () => { calls.push('fails'); throw new Error('smtp down'); } },
      { name: 'slow', everyMs: 60_000, run: async () => { calls.push('slow'); return 1; } },
    ];
    const last = new Map<string, number>();
    const first = await runWorkerTick(deps, jobs, last, () => t);
    expect(first).toEqual([{ job: 'fails', ok: false, error: 'smtp down' }, { job: 'slow', ok: true, result: 1 }]);
    t += 5_000;
    expect((await runWorkerTick(deps, jobs, last, () => t)).map((r) => r.job)).toEqual(['fails']);
    t += 60_000;
    expect((await runWorkerTick(deps, jobs, last, () => t)).map((r) => r.job)).toEqual(['fails', 'slow']);
    expect(calls).toEqual(['fails', 'slow', 'fails', 'fails', 'slow']);
  });

  it('reports a thrown non-Error as text', async () => {
    const [r] = await runWorkerTick(deps, [{ name: 'odd', run: () => Promise.reject('plain string') }]);
    expect(r).toEqual({ job: 'odd', ok: false, error: 'plain string' });
  });
});

describe('worker loop', () => {
  it('ticks on its interval without overlapping, and stops cleanly', async () => {
    let active = 0;
    let maxActive = 0;
    const job: WorkerJob = {
      name: 'count',
      run: async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 15));
        active -= 1;
      },
    };
    const loop = startWorkerLoop(deps, [job], 5);
    await loop.firstTick;
    await new Promise((r) => setTimeout(r, 120));
    await loop.stop();
    const after = loop.ticks();
    expect(after).toBeGreaterThanOrEqual(3);
    expect(maxActive).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(loop.ticks()).toBe(after);
  });

  it('ticks again at once while a job reports more work waiting, then waits its interval', async () => {
    let left = 3;
    const job: WorkerJob = { name: 'drain', run: async () => ({ more: (left -= 1) > 0 }) };
    const loop = startWorkerLoop(deps, [job], 60_000);
    await loop.firstTick;
    await new Promise((r) => setTimeout(r, 100));
    await loop.stop();
    // Two ticks with more waiting, then the one that emptied the queue; the next would come a minute later.
    expect(loop.ticks()).toBe(3);
  });

  it('runs inbound events on a loop of their own: a job that takes long on the main loop does not hold them back', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let sweeps = 0;
    let drains = 0;
    const sweep: WorkerJob = { name: 'slaSweep', run: async () => ((sweeps += 1), held) };
    const inbound: WorkerJob = { name: 'inbound', run: async () => ((drains += 1), { more: false }) };
    const loops = startWorkerLoops(deps, [sweep, inbound], { intervalMs: 60_000, inboundMs: 5 });
    // The sweep never finishes until released; inbound keeps ticking on its own interval meanwhile.
    for (let i = 0; i < 200 && drains < 3; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(drains).toBeGreaterThanOrEqual(3);
    expect(sweeps).toBe(1);
    release();
    await loops.stop();
    expect(loops.ticks()).toBe(drains + sweeps);
  });

  it('starts in-process only when WORKER_ENABLED, once per process', async () => {
    const off = testConfig({ WORKER_ENABLED: 'false' });
    setConfig(off);
    setRuntime({ config: off, db: tdb.db, clock: deps.clock });
    expect(await startInProcessWorker()).toBeNull();
    const on = testConfig({ WORKER_ENABLED: 'true', WORKER_INTERVAL_MS: '60000' });
    setConfig(on);
    setRuntime({ config: on, db: tdb.db, clock: deps.clock });
    const a = await startInProcessWorker();
    const b = await startInProcessWorker();
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    const results = await a?.firstTick;
    expect(results?.length).toBeGreaterThanOrEqual(3);
    expect(results?.every((r) => r.ok)).toBe(true);
    await a?.stop();
  });
});
