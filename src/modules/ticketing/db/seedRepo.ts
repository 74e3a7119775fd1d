// SQL for loading demo reference data. Every statement is idempotent (insert-if-absent by a natural key), so
// running the seed twice changes nothing, and an operator's later edits to seeded rows are never overwritten.
import type { Queryable } from '@/src/lib/db';
import type { DemoDrop, DemoFee } from '../seed/demoData';

export async function ensureClient(
  q: Queryable,
  c: { name: string; code: string; contactEmail: string; contactPhone: string },
): Promise<{ id: string; created: boolean }> {
  const ins = await q.query<{ id: string }>(
    `INSERT INTO clients (name, code, contact_email, contact_phone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [c.name, c.code, c.contactEmail, c.contactPhone],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const { rows } = await q.query<{ id: string }>('SELECT id FROM clients WHERE name = $1', [c.name]);
  return { id: rows[0].id, created: false };
}

export async function ensureProject(
  q: Queryable,
  p: { clientId: string; code: string; name: string; region: string },
): Promise<{ id: string; created: boolean }> {
  const ins = await q.query<{ id: string }>(
    `INSERT INTO projects (client_id, name, code, region) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO NOTHING RETURNING id`,
    [p.clientId, p.name, p.code, p.region],
  );
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const { rows } = await q.query<{ id: string }>('SELECT id FROM projects WHERE code = $1', [p.code]);
  return { id: rows[0].id, created: false };
}

export async function ensureGuarantee(q: Queryable, projectId: string, days: number, materialDays: number): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO project_guarantees (project_id, guarantee_period_days, material_guarantee_days) VALUES ($1, $2, $3)
     ON CONFLICT (project_id) DO NOTHING`,
    [projectId, days, materialDays],
  );
  return r.rowCount === 1;
}

export async function ensureDrop(q: Queryable, projectId: string, d: DemoDrop): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO drops (dr_number, project_id, address, gps_lat, gps_lng, install_date, pole_number, pon, zone, ont_serial)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dr_number) DO NOTHING`,
    [d.drNumber, projectId, d.address, d.gpsLat, d.gpsLng, d.installDate, d.poleNumber, d.pon, d.zone, d.ontSerial],
  );
  return r.rowCount === 1;
}

export async function ensureUser(
  q: Queryable,
  u: { email: string; name: string; role: string; phone: string; passwordHash: string },
): Promise<{ id: string; created: boolean }> {
  const found = await q.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [u.email]);
  if (found.rows[0]) return { id: found.rows[0].id, created: false };
  const { rows } = await q.query<{ id: string }>(
    'INSERT INTO users (email, name, role, phone, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [u.email, u.name, u.role, u.phone, u.passwordHash],
  );
  return { id: rows[0].id, created: true };
}

export async function ensureFee(q: Queryable, f: DemoFee, effectiveFrom: string): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO billable_fee_schedule (service_type, ticket_type, priority, project_id, base_fee, hourly_rate, travel_fee, effective_from)
     SELECT $1, $2, $3, NULL, $4, $5, $6, $7
      WHERE NOT EXISTS (
        SELECT 1 FROM billable_fee_schedule
         WHERE ticket_type = $2 AND priority IS NOT DISTINCT FROM $3 AND project_id IS NULL AND service_type = $1)`,
    [f.serviceType, f.ticketType, f.priority, f.base, f.hourly, f.travel, effectiveFrom],
  );
  return r.rowCount === 1;
}

export async function ensureContract(
  q: Queryable,
  c: {
    clientId: string; projectId: string; contractNumber: string; name: string; startDate: string; endDate: string;
    responseHours: number; resolutionHours: number; businessHoursOnly: boolean; hourlyRate: number; notes: string;
  },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO client_contracts (client_id, project_id, contract_number, name, start_date, end_date, response_hours,
       resolution_hours, business_hours_only, hourly_rate, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (contract_number) DO NOTHING`,
    [c.clientId, c.projectId, c.contractNumber, c.name, c.startDate, c.endDate, c.responseHours, c.resolutionHours,
      c.businessHoursOnly, c.hourlyRate, c.notes],
  );
  return r.rowCount === 1;
}

/** How many demo tickets exist (their external ids start with demo-): tickets are seeded only into an empty demo. */
export async function countDemoTickets(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE external_id LIKE 'demo-%'");
  return rows[0].n;
}

/** The demo users' ids by lower-case email. */
export async function userIdsByEmail(q: Queryable, emails: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; email: string }>(
    'SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])',
    [emails.map((e) => e.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** True before any user exists: the database has never been seeded or used. */
export async function isEmptyDatabase(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0].n === 0;
}
