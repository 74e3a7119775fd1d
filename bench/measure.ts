// Measuring tools for the bench: an autocannon load with per-request latencies (for p50/p95), a timed single call
// streamed to the end, and the resident memory of a process tree sampled while it runs.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Called for every request: a fresh body (creates), path (detail of a random ticket) or headers (a signature). */
  vary?: () => { path?: string; body?: string; headers?: Record<string, string> };
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `connections` concurrent keep-alive connections for `seconds` (optionally at a steady overall rate) and reports throughput and latency. */
export async function load(baseUrl: string, req: LoadRequest, opts: { connections: number; seconds: number; overallRate?: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((res, rej) => {
    finish = res;
    fail = rej;
  });
  const instance = autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    // A steady offered rate (requests per second over all connections) instead of as fast as the server answers.
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: [
      {
        method: req.method,
        path: req.path,
        headers: { 'content-type': 'application/json', ...req.headers },
        setupRequest: (r) => {
          if (!req.vary) return r;
          const v = req.vary();
          return { ...r, ...v, headers: { ...r.headers, ...v.headers } };
        },
      },
    ],
  }, (err, r) => (err ? fail(err) : finish(r)));
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status >= 400) errors += 1;
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (result.duration || opts.seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors,
  };
}

/**
 * BENCH_CPU_PROF=1: node arguments for V8 CPU profiles of a child process, written to bench/results/cpu/<name>/ when it
 * exits: one file per thread and process (Node's own names), so tsx's loader thread does not overwrite the main one.
 */
export function cpuProfileArgs(name: string): string[] {
  if (process.env.BENCH_CPU_PROF !== '1') return [];
  return ['--cpu-prof', '--cpu-prof-dir', path.join('bench', 'results', 'cpu', name)];
}

/** Resident memory (bytes) of a process and all its descendants, from /proc. */
export function treeRss(rootPid: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

export interface OnceResult {
  ms: number;
  bytes: number;
  status: number;
  /** Peak resident memory of the server's process tree while the call ran, and its rise over the start. */
  peakRss: number;
  rssRise: number;
  body?: string;
}

/** One call, read to its last byte, with the server's memory sampled every 25 ms. */
export async function once(url: string, init: RequestInit, serverPid: number, keepBody = false): Promise<OnceResult> {
  const before = treeRss(serverPid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRss(serverPid));
  }, 25);
  const t0 = performance.now();
  try {
    const res = await fetch(url, init);
    let bytes = 0;
    const parts: Buffer[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (keepBody) parts.push(Buffer.from(chunk));
    }
    const ms = performance.now() - t0;
    return { ms, bytes, status: res.status, peakRss: Math.max(peak, treeRss(serverPid)), rssRise: Math.max(0, peak - before), body: keepBody ? Buffer.concat(parts).toString('utf8') : undefined };
  } finally {
    clearInterval(sampler);
  }
}

/** Our Db or a bare pg client: all the WAL readings need. */
interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * PostgreSQL's write-ahead log between two readings: records (one per row or index entry written, whatever the
 * timing) and bytes (full-page images after a checkpoint included). The server's own counters, so the other
 * databases must be idle; they are sent about once a second, hence the pause before the second reading.
 */
export async function walMeter(q: SqlClient): Promise<{ per(items: number): Promise<string> }> {
  const read = async () => {
    const r = (await q.query('SELECT wal_records::text AS records, pg_current_wal_lsn()::text AS lsn FROM pg_stat_wal')).rows[0];
    return { records: Number(r.records), lsn: String(r.lsn) };
  };
  const from = await read();
  return {
    async per(items) {
      await new Promise((r) => setTimeout(r, 1_100));
      const to = await read();
      const bytes = Number((await q.query('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS n', [to.lsn, from.lsn])).rows[0].n);
      const n = Math.max(items, 1);
      return `WAL ${((to.records - from.records) / n).toFixed(1)} records, ${(bytes / n / 1024).toFixed(1)} KB/event`;
    },
  };
}
