// SQL for the register's clients and projects: keyset-paged search, insert, update, activation.
import type { Queryable } from '@/src/lib/db';
import { registerRelations, writableRegister } from './registerSource';
import type { ClientCreate, ClientUpdate, NetworkClient, NetworkProject, ProjectCreate, ProjectUpdate } from '../types/network';

export interface ListArgs {
  q: string | null;
  after: { key: string; id: string } | null;
  limit: number;
  includeInactive: boolean;
}

/** FibreFlow's rows carry no change time (null). */
const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());

function mapClient(r: Record<string, unknown>): NetworkClient {
  return {
    id: String(r.id), name: String(r.name), code: (r.code as string | null) ?? null, contactEmail: (r.contact_email as string | null) ?? null,
    contactPhone: (r.contact_phone as string | null) ?? null, active: Boolean(r.active), projectCount: Number(r.project_count), updatedAt: iso(r.updated_at),
  };
}

const clientSelect = (r = registerRelations()) => `SELECT c.id, c.name, c.code, c.contact_email, c.contact_phone, c.active, c.updated_at,
  (SELECT count(*)::int FROM ${r.projects} p WHERE p.client_id = c.id) AS project_count FROM ${r.clients} c`;

/** Clients by lower(name), id; limit + 1 rows so the caller knows whether a next page exists. */
export async function listRegisterClients(q: Queryable, a: ListArgs): Promise<NetworkClient[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `${clientSelect()}
      WHERE ($1::text IS NULL OR lower(c.name) LIKE '%' || lower($1) || '%' OR lower(coalesce(c.code, '')) LIKE '%' || lower($1) || '%')
        AND ($2::boolean OR c.active)
        AND ($3::text IS NULL OR (lower(c.name), c.id) > ($3::text, $4::uuid))
      ORDER BY lower(c.name), c.id LIMIT $5`,
    [a.q, a.includeInactive, a.after?.key ?? null, a.after?.id ?? null, a.limit + 1],
  );
  return rows.map(mapClient);
}

export async function findRegisterClient(q: Queryable, id: string): Promise<NetworkClient | null> {
  const { rows } = await q.query<Record<string, unknown>>(`${clientSelect()} WHERE c.id = $1`, [id]);
  return rows[0] ? mapClient(rows[0]) : null;
}

export async function insertClient(q: Queryable, c: ClientCreate, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO ${writableRegister().clients} (name, code, contact_email, contact_phone, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [c.name, c.code ?? null, c.contactEmail ?? null, c.contactPhone ?? null, at],
  );
  return rows[0].id;
}

export async function updateClient(q: Queryable, id: string, c: ClientUpdate, at: Date): Promise<void> {
  await q.query(
    `UPDATE ${writableRegister().clients} SET name = COALESCE($2, name),
            code = CASE WHEN $3::boolean THEN $4 ELSE code END,
            contact_email = CASE WHEN $5::boolean THEN $6 ELSE contact_email END,
            contact_phone = CASE WHEN $7::boolean THEN $8 ELSE contact_phone END,
            active = COALESCE($9, active), updated_at = $10
      WHERE id = $1`,
    [id, c.name ?? null, c.code !== undefined, c.code ?? null, c.contactEmail !== undefined, c.contactEmail ?? null,
      c.contactPhone !== undefined, c.contactPhone ?? null, c.active ?? null, at],
  );
}

function mapProject(r: Record<string, unknown>): NetworkProject {
  return {
    id: String(r.id), clientId: String(r.client_id), clientName: String(r.client_name), name: String(r.name), code: String(r.code),
    region: (r.region as string | null) ?? null, active: Boolean(r.active), dropCount: Number(r.drop_count), updatedAt: iso(r.updated_at),
  };
}

const projectSelect = (r = registerRelations()) => `SELECT p.id, p.client_id, c.name AS client_name, p.name, p.code, p.region, p.active, p.updated_at,
  (SELECT count(*)::int FROM ${r.drops} d WHERE d.project_id = p.id) AS drop_count
  FROM ${r.projects} p JOIN ${r.clients} c ON c.id = p.client_id`;

export async function listRegisterProjects(q: Queryable, a: ListArgs & { clientId: string | null }): Promise<NetworkProject[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `${projectSelect()}
      WHERE ($1::text IS NULL OR lower(p.name) LIKE '%' || lower($1) || '%' OR lower(p.code) LIKE '%' || lower($1) || '%')
        AND ($2::boolean OR p.active)
        AND ($3::text IS NULL OR (lower(p.name), p.id) > ($3::text, $4::uuid))
        AND ($5::uuid IS NULL OR p.client_id = $5::uuid)
      ORDER BY lower(p.name), p.id LIMIT $6`,
    [a.q, a.includeInactive, a.after?.key ?? null, a.after?.id ?? null, a.clientId, a.limit + 1],
  );
  return rows.map(mapProject);
}

export async function findRegisterProject(q: Queryable, id: string): Promise<NetworkProject | null> {
  const { rows } = await q.query<Record<string, unknown>>(`${projectSelect()} WHERE p.id = $1`, [id]);
  return rows[0] ? mapProject(rows[0]) : null;
}

export async function insertProject(q: Queryable, p: ProjectCreate, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO ${writableRegister().projects} (client_id, name, code, region, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [p.clientId, p.name, p.code, p.region ?? null, at],
  );
  return rows[0].id;
}

export async function updateProject(q: Queryable, id: string, p: ProjectUpdate, at: Date): Promise<void> {
  await q.query(
    `UPDATE ${writableRegister().projects} SET name = COALESCE($2, name), code = COALESCE($3, code),
            region = CASE WHEN $4::boolean THEN $5 ELSE region END, active = COALESCE($6, active), updated_at = $7
      WHERE id = $1`,
    [id, p.name ?? null, p.code ?? null, p.region !== undefined, p.region ?? null, p.active ?? null, at],
  );
}

/** Projects of a client by lower-case name and code, for the import's "project known" check. */
export async function projectKeysOfClient(q: Queryable, clientId: string): Promise<Map<string, string>> {
  const { rows } = await q.query<{ id: string; name: string; code: string }>(`SELECT id, name, code FROM ${registerRelations().projects} WHERE client_id = $1 AND active`, [clientId]);
  const out = new Map<string, string>();
  for (const r of rows) {
    out.set(r.name.trim().toLowerCase(), r.id);
    out.set(r.code.trim().toLowerCase(), r.id);
  }
  return out;
}
