// GET tickets-stats over HTTP: open counts three ways, SLA risk, pending approvals, daily flow, my tickets, scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { rootLogger } from '@/src/lib/logger';
import { getTicketStats } from '@/src/modules/ticketing/services/statsService';
import type { Queryable } from '@/src/lib/db';
import type { TicketStats } from '@/src/modules/ticketing/types/stats';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
let tech: TestUser;
let otherTech: TestUser;
let seq = 0;

interface Row {
  status?: string;
  source?: string;
  priority?: string;
  assignedTo?: string | null;
  createdAt?: string;
  resolvedAt?: string | null;
  warningAt?: string | null;
  escalatedAt?: string | null;
  breachedAt?: string | null;
  paused?: boolean;
  deleted?: boolean;
  pendingTotal?: string;
}

async function ticket(db: Queryable, r: Row): Promise<string> {
  seq += 1;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, assigned_to, created_at, resolved_at,
                          sla_warning_at, sla_escalated_at, sla_breached_at, sla_paused, deleted_at)
     VALUES ($1, $2, 'fault', $3, $4, 'Stats ticket', $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      `FF-${String(seq).padStart(6, '0')}`, r.source ?? 'internal', r.priority ?? 'medium', r.status ?? 'new', r.assignedTo ?? null,
      r.createdAt ?? '2026-11-25T08:00:00Z', r.resolvedAt ?? null, r.warningAt ?? null, r.escalatedAt ?? null, r.breachedAt ?? null,
      r.paused ?? false, r.deleted ? '2026-11-25T09:00:00Z' : null,
    ],
  );
  if (r.pendingTotal) {
    await db.query(
      `INSERT INTO ticket_billing (ticket_id, billing_type, reason, requires_approval, estimated_total, approval_status)
       VALUES ($1, 'billable', 'no guarantee, no contract', true, $2, 'pending')`,
      [rows[0].id, r.pendingTotal],
    );
  }
  return rows[0].id;
}

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock: new ManualClock('2026-11-25T21:30:00Z') });
  agent = await makeUser(tdb.db, { role: 'agent' });
  tech = await makeUser(tdb.db, { role: 'technician' });
  otherTech = await makeUser(tdb.db, { role: 'technician' });
  const db = tdb.db;
  await ticket(db, { status: 'new', source: 'qcontact', priority: 'high', createdAt: '2026-11-24T10:00:00Z' });
  await ticket(db, { status: 'in_progress', source: 'whatsapp', priority: 'critical', assignedTo: tech.id, warningAt: '2026-11-25T09:00:00Z' });
  await ticket(db, { status: 'blocked', source: 'whatsapp', priority: 'high', assignedTo: tech.id, paused: true, breachedAt: '2026-11-25T10:00:00Z', warningAt: '2026-11-25T08:00:00Z', escalatedAt: '2026-11-25T09:00:00Z' });
  await ticket(db, { status: 'assigned', source: 'email', priority: 'low', assignedTo: otherTech.id, escalatedAt: '2026-11-25T09:00:00Z', warningAt: '2026-11-25T08:00:00Z' });
  await ticket(db, { status: 'pending_approval', source: 'internal', priority: 'medium', pendingTotal: '450.50' });
  await ticket(db, { status: 'pending_approval', source: 'internal', priority: 'medium', pendingTotal: '100.25', assignedTo: agent.id });
  // Closed work and deleted tickets are not open work; the resolved one counts on the day it was resolved.
  await ticket(db, { status: 'resolved', source: 'qcontact', createdAt: '2026-11-20T10:00:00Z', resolvedAt: '2026-11-25T21:00:00Z', assignedTo: tech.id });
  await ticket(db, { status: 'closed', source: 'qcontact', createdAt: '2026-11-23T10:00:00Z', resolvedAt: '2026-11-23T12:00:00Z' });
  await ticket(db, { status: 'new', source: 'adhoc', deleted: true });
  // 23:30 in Johannesburg on the 24th is still the 24th there, though 21:30 UTC.
  await ticket(db, { status: 'cancelled', source: 'adhoc', createdAt: '2026-11-24T21:30:00Z' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

const get = (u: TestUser, qs = '') => client(server.url, { token: u.token }).get<TicketStats>(`tickets-stats${qs}`);

describe('tickets-stats', () => {
  it('counts open tickets by status, source and priority, leaving out closed, cancelled and deleted ones', async () => {
    const res = await get(agent);
    expect(res.status).toBe(200);
    const s = res.body.data;
    expect(s.scope).toBe('all');
    expect(s.timezone).toBe('Africa/Johannesburg');
    expect(s.open.total).toBe(6);
    expect(s.open.byStatus).toEqual({ new: 1, in_progress: 1, blocked: 1, assigned: 1, pending_approval: 2 });
    expect(s.open.bySource).toEqual({ qcontact: 1, whatsapp: 2, email: 1, internal: 2 });
    expect(s.open.byPriority).toEqual({ high: 2, critical: 1, low: 1, medium: 2 });
  });

  it('reports SLA warning, escalated, breached and paused separately, and pending approvals with their exact value', async () => {
    const s = (await get(agent)).body.data;
    expect(s.sla).toEqual({ warning: 1, escalated: 1, breached: 1, paused: 1 });
    expect(s.pendingApprovals).toEqual({ count: 2, totalCents: 55075 });
  });

  it('gives created and resolved per local day for the window asked for, zeros included', async () => {
    const s = (await get(agent, '?days=3')).body.data;
    expect(s.perDay.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(s.perDay[0]).toEqual({ date: '2026-11-23', created: 1, resolved: 1 });
    expect(s.perDay[1]).toEqual({ date: '2026-11-24', created: 2, resolved: 0 });
    expect(s.perDay[2]).toEqual({ date: '2026-11-25', created: 5, resolved: 1 });
    expect((await get(agent)).body.data.perDay).toHaveLength(14);
  });

  it("narrows a technician's figures to their own tickets and counts their work under mine", async () => {
    const s = (await get(tech)).body.data;
    expect(s.scope).toBe('mine');
    expect(s.open.total).toBe(2);
    expect(s.open.byStatus).toEqual({ in_progress: 1, blocked: 1 });
    expect(s.sla).toEqual({ warning: 1, escalated: 0, breached: 1, paused: 1 });
    expect(s.pendingApprovals).toEqual({ count: 0, totalCents: 0 });
    expect(s.mine).toEqual({ open: 2, blocked: 1, breached: 1 });
    expect((await get(agent)).body.data.mine).toEqual({ open: 1, blocked: 0, breached: 0 });
  });

  it('rejects a bad window with 400 and field details, and a caller without a login with 401', async () => {
    const bad = await get(agent, '?days=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error?.details)).toContain('days');
    expect((await get(agent, '?days=5&extra=1')).status).toBe(400);
    expect((await client(server.url).get('tickets-stats')).status).toBe(401);
  });

  it('shows an actor without a user id (a job acting as a technician) nothing rather than everything', async () => {
    const ctx = { db: tdb.db, user: { id: null, name: 'System', role: 'technician' }, clock: new ManualClock('2026-11-25T21:30:00Z'), log: rootLogger(), config: server.config };
    const s = await getTicketStats(ctx, { days: 1 });
    expect(s.open.total).toBe(0);
    expect(s.mine).toEqual({ open: 0, blocked: 0, breached: 0 });
  });
});
