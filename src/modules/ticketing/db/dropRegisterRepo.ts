// SQL for the register's drops: keyset-paged search, read by id or DR, insert, update, and the bulk import's writes.
import type { Queryable } from '@/src/lib/db';
import type { DropCreate, DropUpdate, NetworkDrop } from '../types/network';
import { registerRelations, writableRegister } from './registerSource';
import { UUID_RE } from './uuid';

const s = (v: unknown) => (v === null ? null : String(v));
const n = (v: unknown) => (v === null ? null : Number(v));

function mapDrop(r: Record<string, unknown>): NetworkDrop {
  return {
    id: String(r.id), drNumber: String(r.dr_number), projectId: String(r.project_id), projectName: String(r.project_name),
    clientId: String(r.client_id), clientName: String(r.client_name), address: s(r.address), gpsLat: n(r.gps_lat), gpsLng: n(r.gps_lng),
    installDate: s(r.install_date), ontSerial: s(r.ont_serial), poleNumber: s(r.pole_number), pon: s(r.pon), zone: s(r.zone),
    active: Boolean(r.active), updatedAt: r.updated_at === null ? null : new Date(r.updated_at as string).toISOString(),
  };
}

const dropSelect = (r = registerRelations()) => `SELECT d.id, d.dr_number, d.project_id, p.name AS project_name, p.client_id, c.name AS client_name, d.address,
  d.gps_lat, d.gps_lng, to_char(d.install_date, 'YYYY-MM-DD') AS install_date, d.ont_serial, d.pole_number, d.pon, d.zone,
  d.active, d.updated_at
  FROM ${r.drops} d JOIN ${r.projects} p ON p.id = d.project_id JOIN ${r.clients} c ON c.id = p.client_id`;

export interface DropListArgs {
  q: string | null;
  afterDr: string | null;
  limit: number;
  includeInactive: boolean;
  projectId: string | null;
  clientId: string | null;
  pole: string | null;
  pon: string | null;
  zone: string | null;
}

/** Drops by DR number (unique, so the key alone is the keyset); limit + 1 rows. */
export async function listRegisterDrops(q: Queryable, a: DropListArgs): Promise<NetworkDrop[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `${dropSelect()}
      WHERE ($1::text IS NULL OR lower(d.dr_number || ' ' || coalesce(d.address, '') || ' ' || coalesce(d.pole_number, '') || ' ' || coalesce(d.ont_serial, '')) LIKE '%' || lower($1) || '%')
        AND ($2::boolean OR d.active)
        AND ($3::text IS NULL OR d.dr_number > $3)
        AND ($4::uuid IS NULL OR d.project_id = $4::uuid)
        AND ($5::uuid IS NULL OR p.client_id = $5::uuid)
        AND ($6::text IS NULL OR d.pole_number = $6)
        AND ($7::text IS NULL OR d.pon = $7)
        AND ($8::text IS NULL OR d.zone = $8)
      ORDER BY d.dr_number LIMIT $9`,
    [a.q, a.includeInactive, a.afterDr, a.projectId, a.clientId, a.pole, a.pon, a.zone, a.limit + 1],
  );
  return rows.map(mapDrop);
}

/** A drop by its id or its DR number. */
export async function findRegisterDrop(q: Queryable, idOrDr: string, lock = false): Promise<NetworkDrop | null> {
  const byId = UUID_RE.test(idOrDr);
  const { rows } = await q.query<Record<string, unknown>>(
    `${dropSelect()} WHERE ${byId ? 'd.id = $1::uuid' : 'd.dr_number = upper($1)'}${lock ? ' FOR UPDATE OF d' : ''}`,
    [idOrDr],
  );
  return rows[0] ? mapDrop(rows[0]) : null;
}

export async function insertDrop(q: Queryable, d: DropCreate, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO ${writableRegister().drops} (dr_number, project_id, address, gps_lat, gps_lng, install_date, ont_serial, pole_number, pon, zone, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
    [d.drNumber, d.projectId, d.address ?? null, d.gpsLat ?? null, d.gpsLng ?? null, d.installDate ?? null, d.ontSerial ?? null,
      d.poleNumber ?? null, d.pon ?? null, d.zone ?? null, at],
  );
  return rows[0].id;
}

const DROP_COLUMNS = {
  projectId: 'project_id', address: 'address', gpsLat: 'gps_lat', gpsLng: 'gps_lng', installDate: 'install_date',
  ontSerial: 'ont_serial', poleNumber: 'pole_number', pon: 'pon', zone: 'zone', active: 'active',
} as const;

/** Writes the given fields only (undefined = untouched, null = cleared). */
export async function updateDrop(q: Queryable, id: string, d: DropUpdate, at: Date): Promise<void> {
  const keys = (Object.keys(DROP_COLUMNS) as (keyof typeof DROP_COLUMNS)[]).filter((k) => d[k] !== undefined);
  const sets = keys.map((k, i) => `${DROP_COLUMNS[k]} = $${i + 3}`);
  await q.query(`UPDATE ${writableRegister().drops} SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, [id, at, ...keys.map((k) => d[k])]);
}

/** Open, undeleted tickets on a drop, oldest first (their billing follows the drop's install date). */
export async function openTicketIdsOnDrop(q: Queryable, dropId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM tickets WHERE drop_id = $1 AND deleted_at IS NULL
        AND status IN ('new','triaged','assigned','in_progress','blocked','pending_approval') ORDER BY created_at, id FOR NO KEY UPDATE`,
    [dropId],
  );
  return rows.map((r) => r.id);
}

/** A ticket follows its drop to another project (and that project's client). */
export async function setTicketOrganisation(q: Queryable, ticketId: string, projectId: string, clientId: string): Promise<void> {
  await q.query('UPDATE tickets SET project_id = $2, client_id = $3 WHERE id = $1', [ticketId, projectId, clientId]);
}
