// The WhatsApp channel as it runs in production, under a steady load: the product server's webhook route is offered
// `rate` signed webhooks a second for `seconds` while one worker process (`npm run worker`, its default interval and
// every job it runs) drains them. Keeping up means the backlog stays bounded and is gone shortly after the load stops.
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { ChannelFigures } from './channels';
import { benchInboundLoops, wahaWebhook } from './channels';
import { cpuProfileArgs, load, walMeter, type LoadRequest } from './measure';
import type { BenchContext } from './scenarios';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

/**
 * Every process's CPU time so far, in clock ticks of 10 ms, from /proc: user + system, and the same of its children
 * that ended and were reaped (PostgreSQL's backends end with their connections: their time then moves to the
 * postmaster, and a sum over live processes alone would go down).
 */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** CPU seconds per part: the product server's tree, the worker's, PostgreSQL's processes, this bench process. */
function cpuByPart(roots: { route: number; worker: number }): Record<string, number> {
  const ps = processes();
  const parent = new Map(ps.map((p) => [p.pid, p.ppid]));
  const under = (pid: number, root: number) => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  const sum = (f: (p: Proc) => boolean) => ps.filter(f).reduce((n, p) => n + p.ticks, 0) / 100;
  // The whole machine from /proc/stat (everything but idle and iowait), kernel work on the loopback network included.
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return {
    machine: (cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) / 100,
    route: sum((p) => under(p.pid, roots.route)),
    worker: sum((p) => under(p.pid, roots.worker)),
    postgres: sum((p) => p.comm === 'postgres' || p.comm.startsWith('postgres:')),
    'load generator': sum((p) => p.pid === process.pid),
  };
}

/** Events stored but not yet handled (an ack retried after its backoff is handled, not waiting on the worker). */
async function backlog(c: BenchContext): Promise<number> {
  const { rows } = await c.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM inbound_events WHERE source = 'whatsapp' AND (status IN ('received', 'processing') OR (status = 'failed' AND next_attempt_at <= now()))",
  );
  return rows[0].n;
}

/** One side of the run: where its webhooks go, which process answers them, and the worker process that drains them. */
interface Side {
  base: string;
  path: string;
  routePid: number;
  /** The name of the worker's log file in bench/results and the worker process to start. */
  worker: { name: string; argv: string[]; env: Record<string, string> };
}

/** The product: its webhook route and one worker process (`npm run worker`, every job it runs, its default interval). */
export const productSide = (c: BenchContext): Side => ({
  base: c.productBase, path: '/api/ticketing/tickets-webhook-whatsapp', routePid: c.productPid,
  worker: { name: 'worker', argv: [...cpuProfileArgs(`${c.stamp}-worker`), '--import', 'tsx', 'scripts/worker.ts'], env: c.serverEnv },
});

/** The webhook receiver (npm run receiver) in front, the same worker process behind. */
export const receiverSide = (c: BenchContext): Side => ({ ...productSide(c), base: c.receiverBase, routePid: c.receiverPid });

/** The floor: its bare insert and a process running the floor's drain (bench/floor-worker.ts) in as many loops. */
export const floorSide = (c: BenchContext): Side => ({
  base: c.floorBase, path: '/ingest', routePid: c.floorPid,
  worker: { name: 'floor-worker', argv: ['--import', 'tsx', 'bench/floor-worker.ts'], env: { DATABASE_URL: c.dbUrl, FLOOR_LOOPS: String(benchInboundLoops(c.dbUrl)) } },
});

export async function sustainedWhatsapp(c: BenchContext, side: Side, o: { rate: number; seconds: number }): Promise<ChannelFigures> {
  const webhooks: LoadRequest = { method: 'POST', path: side.path, vary: () => wahaWebhook(c.data, c.wahaKey) };
  // What the scenarios before stored and did not drain is set aside: the queue starts empty.
  await c.db.query("UPDATE inbound_events SET status = 'ignored', error = 'bench: set aside before the sustained run' WHERE source = 'whatsapp' AND status IN ('received', 'processing', 'failed')");
  const out = openSync(path.join('bench', 'results', `${c.stamp}-${side.worker.name}.log`), 'a');
  const worker = spawn(process.execPath, side.worker.argv, { env: { ...process.env, ...side.worker.env }, stdio: ['ignore', out, out] });
  try {
    await sleep(5_000); // the worker's start (tsx, its jobs' modules) is not part of the run
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}); see bench/results/*-${side.worker.name}.log`);
    // A running server, as WAHA meets it: 3 s of the same load first (JIT, the route's first compilation, the
    // connection pools), drained before the measured run starts.
    await load(side.base, webhooks, { connections: 100, seconds: 3, overallRate: o.rate });
    for (const t0 = performance.now(); (await backlog(c)) > 0 && performance.now() - t0 < 60_000;) await sleep(200);
    const before = (await c.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events WHERE source = 'whatsapp'")).rows[0].n;
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await backlog(c));
        await sleep(500);
      }
    })();
    const wal = await walMeter(c.db);
    const cpu0 = cpuByPart({ route: side.routePid, worker: worker.pid as number });
    const wall0 = performance.now();
    // 100 connections, each sending every 100 ms: WAHA posts webhooks as messages come, not one at a time per
    // connection, so a slow answer on one connection must not lower the rate offered (autocannon skips a connection's
    // turn while its answer is out; with 8 connections each had to answer within 8 ms to keep 1,000/s).
    const offered = await load(side.base, webhooks, { connections: 100, seconds: o.seconds, overallRate: o.rate });
    const cpu1 = cpuByPart({ route: side.routePid, worker: worker.pid as number });
    const wallS = (performance.now() - wall0) / 1000;
    // Connections that closed during the load took their CPU time with them: PostgreSQL's share is a floor.
    const shares = Object.keys(cpu1).map((k) => `${k} ${((cpu1[k] - cpu0[k]) / wallS).toFixed(2)}`).join(', ');
    const atEnd = await backlog(c);
    const t0 = performance.now();
    let left = atEnd;
    while (left > 0 && performance.now() - t0 < 120_000) {
      await sleep(100);
      left = await backlog(c);
    }
    const drainMs = performance.now() - t0;
    sampling = false;
    await sampler;
    const stored = (await c.db.query<{ n: number }>("SELECT count(*)::int AS n FROM inbound_events WHERE source = 'whatsapp'")).rows[0].n - before;
    // Every write the route and the worker made (and the worker's other jobs, its queue vacuums included), per event.
    const walPerEvent = await wal.per(stored);
    // Kept up: the route took the offered rate without errors, and the queue was empty within 10 s of the load stopping
    // (the worker's 5 s interval and its last batches).
    const ok = offered.errors === 0 && offered.rps >= 0.98 * o.rate && left === 0 && drainMs <= 10_000;
    const detail = [
      `${ok ? 'kept up' : 'did NOT keep up'}: ${o.rate}/s offered for ${o.seconds} s, ${offered.requests} accepted (p95 ${offered.p95.toFixed(1)} ms${offered.errors ? `, ${offered.errors} ERRORS` : ''})`,
      `cores busy during the load: ${shares} (of ${cpus().length})`,
      `backlog peak ${peak}, ${atEnd} when the load stopped, ${left === 0 ? `empty ${(drainMs / 1000).toFixed(1)} s later` : `${left} still waiting after 120 s`}`,
      walPerEvent,
    ].join('; ');
    // The figure is the accepted rate (each side's worker's pace shows in the backlog and its drain time).
    return { ms: wallS * 1000, count: offered.requests, perSecond: offered.rps, detail, ok };
  } finally {
    // Gone before the next run starts, so it takes none of that run's events or CPU.
    const exited = new Promise((r) => worker.once('exit', r));
    if (worker.exitCode === null && worker.kill('SIGTERM')) await Promise.race([exited, sleep(15_000)]);
  }
}
