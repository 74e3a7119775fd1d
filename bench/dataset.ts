// The benchmark's data set, generated in PostgreSQL with set-based SQL: clients, projects, drops with pole/PON/zone,
// users with API tokens, tickets over three years (5 % open, with SLA snapshots), notes, history, pending billing.
import type pg from 'pg';
import { hashApiToken } from '../src/lib/auth/session';
import { rebuildTicketCounters } from '../src/modules/ticketing/db/statsRepo';
import type { Queryable } from '../src/lib/db';

export interface DatasetSize {
  tickets: number;
  drops: number;
  projects: number;
  clients: number;
  users: number;
}

export const FULL: DatasetSize = { tickets: 1_000_000, drops: 200_000, projects: 50, clients: 20, users: 300 };
export const QUICK: DatasetSize = { tickets: 20_000, drops: 4_000, projects: 50, clients: 20, users: 300 };

/** Bearer tokens the bench drives the API with (hashes stored like any token). */
export const BENCH_TOKENS = { agent: 'ffk_bench_agent_0123456789abcdef0123456789', admin: 'ffk_bench_admin_0123456789abcdef0123456789' };

export interface LoadedDataset {
  sampleUids: string[];
  drNumbers: string[];
  agentId: string;
}

const pgQ = (c: pg.ClientBase): Queryable => ({
  query: async (sql, params) => {
    const r = await c.query(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.rowCount ?? 0 };
  },
}) as Queryable;

export async function loadDataset(c: pg.ClientBase, size: DatasetSize, log: (s: string) => void): Promise<LoadedDataset> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await c.query(sql, params);
    log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  await step('clients', `INSERT INTO clients (name, code) SELECT 'Client ' || g, 'C' || lpad(g::text, 3, '0') FROM generate_series(1, $1::int) g`, [size.clients]);
  await step('projects', `INSERT INTO projects (client_id, name, code, region)
    SELECT (SELECT id FROM clients ORDER BY code OFFSET (g % $2::int) LIMIT 1), 'Project ' || g, 'P' || lpad(g::text, 3, '0'), 'Region ' || (g % 7)
      FROM generate_series(1, $1::int) g`, [size.projects, size.clients]);
  await step('users', `INSERT INTO users (email, name, role, phone)
    SELECT 'user' || g || '@bench.local', 'User ' || g,
           CASE WHEN g <= 3 THEN 'admin' WHEN g <= 13 THEN 'manager' WHEN g <= 73 THEN 'agent' WHEN g <= 291 THEN 'technician' ELSE 'finance' END,
           '+2782' || lpad(g::text, 7, '0')
      FROM generate_series(1, $1::int) g`, [size.users]);
  await c.query(`INSERT INTO api_tokens (user_id, name, token_hash)
    SELECT id, 'bench', $1 FROM users WHERE email = 'user20@bench.local'
    UNION ALL SELECT id, 'bench', $2 FROM users WHERE email = 'user1@bench.local'`, [hashApiToken(BENCH_TOKENS.agent), hashApiToken(BENCH_TOKENS.admin)]);
  await step('drops', `WITH p AS (SELECT array_agg(id ORDER BY code) AS ids FROM projects)
    INSERT INTO drops (dr_number, project_id, address, gps_lat, gps_lng, install_date, pole_number, pon, zone, ont_serial)
    SELECT 'DR' || (1000000 + g)::text, p.ids[1 + g % array_length(p.ids, 1)], g || ' Fibre Street, Ext ' || (g % 90),
           -26.2 + (g % 1000) / 10000.0, 28.0 + (g % 997) / 10000.0, DATE '2023-01-01' + (g % 1000),
           'P' || lpad((g / 12)::text, 6, '0'), 'PON-' || (g / 64), 'Z' || lpad((g % 40)::text, 2, '0'), 'ONT' || lpad(g::text, 9, '0')
      FROM generate_series(1, $1::int) g, p`, [size.drops]);
  await c.query('ALTER TABLE tickets DISABLE TRIGGER tickets_counts');
  // Bulk-load practice: drop the secondary (non-unique) indexes of the big tables and build them once at the end;
  // maintaining the trigram index row by row made a million-ticket load take far longer than building it.
  const { rows: secondary } = await c.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename IN ('tickets', 'ticket_history', 'ticket_notes') AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const i of secondary) await c.query(`DROP INDEX ${i.name}`);
  await c.query("SET maintenance_work_mem = '512MB'");
  // Ticket g is created at an even pace over three years up to now; 1 in 20 (the newest more often) is still open.
  // Drops numbered 1..n (indexing a 200,000-element array per row would detoast it a million times).
  await c.query(`CREATE TEMP TABLE bench_drops AS
    SELECT row_number() OVER (ORDER BY d.dr_number) AS n, d.id, d.dr_number, d.project_id, p.client_id
      FROM drops d JOIN projects p ON p.id = d.project_id`);
  await c.query('ANALYZE bench_drops');
  await step(`tickets (${size.tickets})`, `WITH tech AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE role = 'technician'),
         ag AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE role = 'agent'),
         base AS (
           SELECT g, now() - make_interval(secs => (($1::int - g)::float8 / $1::int) * 94608000 + 60) AS created,
                  1 + (g::bigint * 7919) % (SELECT count(*) FROM bench_drops) AS di,
                  CASE WHEN g % 20 = 0 THEN (ARRAY['new','triaged','assigned','in_progress','blocked','pending_approval'])[1 + g % 6]
                       ELSE (ARRAY['closed','closed','closed','closed','closed','closed','closed','resolved','resolved','cancelled'])[1 + g % 10] END AS status,
                  (ARRAY['qcontact','qcontact','qcontact','whatsapp','whatsapp','email','construction','internal','adhoc','weekly_report'])[1 + g % 10] AS source
             FROM generate_series(1, $1::int) g)
    INSERT INTO tickets (ticket_uid, source, external_id, ticket_type, priority, status, title, description, dr_number, drop_id,
                         project_id, client_id, reporter_name, reporter_phone, address, assigned_to, created_by, created_at, updated_at,
                         resolved_at, closed_at, billing_type, fault_cause, sla_source, sla_business_hours, sla_response_seconds,
                         sla_resolution_seconds, sla_warning_pct, sla_escalation_pct, sla_response_warning_pct, sla_response_escalation_pct,
                         first_response_due_at, first_responded_at, due_at, sla_next_check_at, sla_warning_at, sla_breached_at)
    SELECT CASE b.source WHEN 'qcontact' THEN 'FT' || (100000 + g) WHEN 'email' THEN 'EML-' || lpad(g::text, 7, '0')
                         WHEN 'internal' THEN 'FF-' || lpad(g::text, 7, '0') WHEN 'adhoc' THEN 'AH-' || lpad(g::text, 7, '0')
                         ELSE d.dr_number || '-' || (1000000 + g) END,
           b.source, CASE WHEN b.source = 'qcontact' THEN (100000 + g)::text END,
           (ARRAY['fault','fault','fault','maintenance','installation','query','complaint','other'])[1 + g % 8],
           (ARRAY['low','medium','medium','high','critical'])[1 + g % 5], b.status,
           CASE WHEN g % 997 = 0 THEN 'Gizzu backup battery not charging at ' ELSE (ARRAY['No signal at ', 'Slow speeds at ', 'LOS red light at ', 'Router offline at ', 'Cable cut near '])[1 + g % 5] END || d.dr_number,
           'Customer reports a problem with the service at drop ' || d.dr_number || '. Ticket ' || g || ' of the bench data set.',
           d.dr_number, d.id, d.project_id, d.client_id, 'Customer ' || (g % 5000), '+2783' || lpad((g % 9999999)::text, 7, '0'),
           g || ' Fibre Street', CASE WHEN g % 9 <> 0 THEN tech.ids[1 + g % array_length(tech.ids, 1)] END, ag.ids[1 + g % array_length(ag.ids, 1)],
           b.created, b.created + interval '2 hours',
           CASE WHEN b.status IN ('resolved','closed') THEN b.created + make_interval(hours => 2 + g % 70) END,
           CASE WHEN b.status = 'closed' THEN b.created + make_interval(hours => 30 + g % 70) END,
           (ARRAY['guarantee','sla','billable'])[1 + g % 3],
           CASE WHEN b.status IN ('resolved','closed') THEN (ARRAY['workmanship','material_failure','client_damage','third_party','environmental','vandalism','unknown'])[1 + g % 7] END,
           'config', true, 4 * 3600, 24 * 3600, 75, 90, 75, 90,
           b.created + interval '4 hours', CASE WHEN b.status NOT IN ('new','cancelled') THEN b.created + interval '1 hour' END, b.created + interval '24 hours',
           CASE WHEN b.status IN ('new','triaged','assigned','in_progress') THEN now() + make_interval(mins => 5 + g % 4000) END,
           CASE WHEN b.status IN ('new','triaged','assigned','in_progress','blocked') AND b.created < now() - interval '2 days' THEN b.created + interval '18 hours' END,
           CASE WHEN b.status IN ('new','triaged','assigned','in_progress','blocked') AND b.created < now() - interval '3 days' THEN b.created + interval '24 hours' END
      FROM base b JOIN bench_drops d ON d.n = b.di, tech, ag`, [size.tickets]);
  await step('history (created + status changes)', `INSERT INTO ticket_history (ticket_id, actor_id, actor_name, action, field, old_value, new_value, created_at)
    SELECT t.id, t.created_by, 'Agent', 'created', NULL, NULL, t.ticket_uid, t.created_at FROM tickets t
    UNION ALL
    SELECT t.id, t.assigned_to, 'Technician', 'status_changed', 'status', 'in_progress', t.status, COALESCE(t.resolved_at, t.updated_at)
      FROM tickets t WHERE t.status NOT IN ('new')`);
  await step('notes', `INSERT INTO ticket_notes (ticket_id, note_type, channel, body, author_id, author_name, created_at)
    SELECT t.id, CASE WHEN n = 1 THEN 'internal' ELSE 'external' END, 'web',
           'Technician visited ' || t.dr_number || ', checked the splitter and the ONT; note ' || n, t.assigned_to, 'Technician', t.created_at + make_interval(hours => n)
      FROM tickets t, generate_series(1, 2) n WHERE n = 1 OR hashtext(t.ticket_uid) % 3 = 0`);
  await step('pending billing', `INSERT INTO ticket_billing (ticket_id, billing_type, reason, requires_approval, estimated_hours, estimated_total, approval_status)
    SELECT id, 'billable', 'no guarantee, no contract', true, 2, 1250.00, 'pending' FROM tickets WHERE status = 'pending_approval'`);
  await step('uid counters', `INSERT INTO uid_counters (key, value) VALUES ('internal', $1), ('email', $1), ('adhoc', $1)`, [size.tickets + 1]);
  const t0 = Date.now();
  for (const i of secondary) await c.query(i.def);
  log(`  ${secondary.length} secondary indexes rebuilt (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await c.query('ALTER TABLE tickets ENABLE TRIGGER tickets_counts');
  await c.query('BEGIN');
  await rebuildTicketCounters(pgQ(c));
  await c.query('COMMIT');
  await step('analyze', 'VACUUM ANALYZE');
  return readDataset(c);
}

/** What the scenarios draw on, read from a loaded database (a fresh load, or one kept by --keep and reused). */
export async function readDataset(c: pg.ClientBase): Promise<LoadedDataset> {
  const { rows: sample } = await c.query<{ ticket_uid: string }>(
    'SELECT ticket_uid FROM tickets TABLESAMPLE SYSTEM (1) LIMIT 500',
  );
  const { rows: drs } = await c.query<{ dr_number: string }>('SELECT dr_number FROM drops ORDER BY dr_number LIMIT 2000');
  const { rows: agent } = await c.query<{ id: string }>("SELECT id FROM users WHERE email = 'user20@bench.local'");
  return { sampleUids: sample.map((r) => r.ticket_uid), drNumbers: drs.map((r) => r.dr_number), agentId: agent[0].id };
}
