// Many processes on one PostgreSQL database: two web processes and two workers (npm run worker), each its own Node
// process. Creates, status changes and SLA thresholds are driven through both web servers; every UID must be
// unique (and each counter gapless), every outbox item delivered once, every SLA notice sent once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '@/src/lib/db/pg';
import { migrate } from '@/src/lib/db/migrate';
import type { Db } from '@/src/lib/db';
import { OUTBOX_KINDS } from '@/src/modules/ticketing/jobs/outboxTypes';
import { serverUrl } from '../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../helpers/factories';
import { client } from '../helpers/http';
import { startTestSmtp, type TestSmtp } from '../modules/ticketing/integration/notificationServers';

// No skipping: without a reachable PostgreSQL server this suite fails (CI=true or not); locally it uses the one on
// 127.0.0.1:5432 when DATABASE_URL is unset.
const baseUrl = serverUrl() ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `ff_mp_${randomBytes(5).toString('hex')}`;
const children: ChildProcess[] = [];
/** What each child printed, shown when a wait times out. */
const outputs: string[] = [];
let db: Db;
let smtp: TestSmtp;
let web: string[] = [];
let agent: TestUser;
let techs: TestUser[] = [];
let drops: string[] = [];

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Starts a child process and resolves with its first line matching `ready`. */
function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const slot = outputs.push('') - 1;
  child.stdout?.on('data', (b: Buffer) => {
    outputs[slot] = (outputs[slot] + b.toString()).slice(-4000);
  });
  child.stderr?.on('data', (b: Buffer) => {
    outputs[slot] = (outputs[slot] + b.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${out}`)));
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 100_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  const state = await db.query("SELECT target, threshold, count(*) AS n FROM sla_events GROUP BY 1, 2 ORDER BY 1, 2");
  const open = await db.query('SELECT count(*) FILTER (WHERE sla_next_check_at IS NULL) AS unscheduled, min(sla_next_check_at) AS next FROM tickets');
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify({ events: state.rows, open: open.rows, children: children.map((c) => c.exitCode), outputs })}`);
}

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query<{ n: number }>(sql, params)).rows[0].n);

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`).finally(() => admin.end());
  const url = withDb(baseUrl, dbName);
  db = createPgDb(url, 4);
  await migrate(db);
  smtp = await startTestSmtp();
  agent = await makeUser(db, { role: 'agent' });
  techs = [await makeUser(db, { role: 'technician' }), await makeUser(db, { role: 'technician' })];
  await makeUser(db, { role: 'manager' });
  const project = await makeProject(db);
  // Installed ten days ago: inside the 90-day guarantee, so the work is free and needs no approval.
  const installDate = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  drops = [await makeDrop(db, { projectId: project.id, installDate }), await makeDrop(db, { projectId: project.id, installDate })].map((d) => d.drNumber);
  // Critical faults on a short, around-the-clock target: warning at 1 % (0.36 s), escalation at 2 % (0.72 s).
  await db.query(
    `UPDATE sla_configs SET response_hours = 0.01, resolution_hours = 0.01, business_hours_only = false, warning_pct = 1,
            escalation_pct = 2, response_warning_pct = 1, response_escalation_pct = 2 WHERE ticket_type = 'fault' AND priority = 'critical'`,
  );
  const env = { DATABASE_URL: url, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), LOG_LEVEL: 'silent', NODE_ENV: 'test', WORKER_INTERVAL_MS: '150' };
  web = await Promise.all([0, 1].map(() => startChild(['tests/helpers/apiServerProcess.ts'], env, /listening (\S+)/)));
  await Promise.all([0, 1].map(() => startChild(['scripts/worker.ts'], env, /Worker on/)));
}, 180_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await smtp?.close();
  await db?.close();
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).finally(() => admin.end());
});

describe('two web processes and two workers on one database', () => {
  it('gives every ticket a unique UID from gapless counters, whichever server created it', async () => {
    const creates = Array.from({ length: 60 }, (_, i) => {
      const api = client(web[i % 2], { token: agent.token });
      const source = (['internal', 'construction', 'email'] as const)[i % 3];
      return api.post<{ ticketUid: string }>('tickets', {
        source, ticketType: 'fault', priority: 'critical', title: `Multi-process fault ${i}`, drNumber: drops[i % 2], assignedTo: techs[i % 2].id,
      });
    });
    const results = await Promise.all(creates);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const uids = results.map((r) => r.body.data.ticketUid);
    expect(new Set(uids).size).toBe(60);
    expect(await count("SELECT count(*) AS n FROM tickets WHERE status = 'assigned' AND billing_type = 'guarantee' AND due_at IS NOT NULL")).toBe(60);
    const numbers = (re: RegExp) => uids.map((u) => re.exec(u)?.[1]).filter(Boolean).map(Number).sort((a, b) => a - b);
    expect(numbers(/^FF-(\d+)$/)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers(/^EML-(\d+)$/)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const dr of drops) expect(numbers(new RegExp(`^${dr}-(\\d+)$`))).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('applies status changes sent to either server once, with the version moving one step each', async () => {
    const { rows } = await db.query<{ ticket_uid: string; assigned_to: string }>("SELECT ticket_uid, assigned_to FROM tickets WHERE status = 'assigned' ORDER BY ticket_uid");
    const results = await Promise.all(
      rows.map((t, i) => client(web[(i + 1) % 2], { token: techs.find((u) => u.id === t.assigned_to)?.token }).post('tickets-status', { id: t.ticket_uid, status: 'in_progress' })),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(await count("SELECT count(*) AS n FROM tickets WHERE status = 'in_progress'")).toBe(60);
    expect(await count("SELECT count(*) AS n FROM ticket_history WHERE action = 'status_changed' AND new_value = 'in_progress'")).toBe(60);
  });

  it('fires each SLA threshold once and delivers every outbox item exactly once across both workers', async () => {
    // Every ticket's resolution warning and escalation are due within a second; the workers race for them.
    await waitUntil('SLA escalations on every ticket', async () => (await count('SELECT count(*) AS n FROM tickets WHERE sla_escalated_at IS NOT NULL')) === 60);
    await waitUntil('an empty outbox', async () => (await count("SELECT count(*) AS n FROM outbox WHERE status IN ('pending','processing','failed')")) === 0);
    const fired = await count("SELECT count(*) AS n FROM sla_events WHERE target = 'resolution' AND threshold IN ('warning','escalation')");
    expect(fired).toBe(120);
    expect(await count('SELECT count(*) AS n FROM (SELECT ticket_id, target, threshold, cycle FROM sla_events GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d')).toBe(0);
    // Every email queued was sent, and the SMTP server received each notification exactly once.
    const sent = await db.query<{ id: string; trigger: string }>("SELECT id, trigger FROM notification_log WHERE channel = 'email' AND status = 'sent'");
    expect(await count("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE kind = $1', [OUTBOX_KINDS.email])).toBe(sent.rows.length);
    const ids = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(sent.rows.map((r) => `<notification-${r.id}@fibreflow>`)));
    // 60 assignment notices, and per ticket one resolution warning to the assignee and escalations to the manager.
    expect(sent.rows.filter((r) => r.trigger === 'sla.resolution.warning')).toHaveLength(60);
    expect(sent.rows.filter((r) => r.trigger === 'sla.resolution.escalation')).toHaveLength(60);
    expect(ids.length).toBeGreaterThanOrEqual(180);
  }, 240_000);
});
