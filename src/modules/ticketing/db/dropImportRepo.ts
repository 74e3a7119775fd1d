// SQL for the drop register import: batch reads and set-based writes of drops, import batches, remembered mappings.
import type { Queryable } from '@/src/lib/db';
import type { DropRecord } from '../services/network/dropImportRules';
import { writableRegister } from './registerSource';

export interface StoredDrop extends DropRecord {
  id: string;
}

/**
 * Keeps other writers off the drop register until the import's transaction ends (readers are not blocked):
 * one table lock instead of 200,000 row locks, each of which would write to its row.
 */
export async function lockDropRegister(q: Queryable): Promise<void> {
  await q.query(`LOCK TABLE ${writableRegister().drops} IN SHARE ROW EXCLUSIVE MODE`);
}

/** The stored drops among these DR numbers. */
export async function findDropsByDr(q: Queryable, drs: readonly string[]): Promise<Map<string, StoredDrop>> {
  const { rows } = await q.query<Record<string, unknown>>(
    // LATERAL ... OFFSET 0 (not flattened) probes the unique DR index once per number. A plain join (or "= ANY") lets the planner hash-join
    // over a scan of the whole register for every chunk, which made large imports quadratic.
    `SELECT d.id, d.dr_number, d.project_id, d.address, d.gps_lat, d.gps_lng, to_char(d.install_date, 'YYYY-MM-DD') AS install_date,
            d.ont_serial, d.pole_number, d.pon, d.zone
       FROM unnest($1::text[]) AS k(dr)
       CROSS JOIN LATERAL (SELECT * FROM drops x WHERE x.dr_number = k.dr OFFSET 0) d`,
    [drs],
  );
  const s = (v: unknown) => (v === null ? null : String(v));
  const n = (v: unknown) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [String(r.dr_number), {
      id: String(r.id), drNumber: String(r.dr_number), projectId: String(r.project_id), address: s(r.address), gpsLat: n(r.gps_lat),
      gpsLng: n(r.gps_lng), installDate: s(r.install_date), ontSerial: s(r.ont_serial), poleNumber: s(r.pole_number), pon: s(r.pon), zone: s(r.zone),
    }]),
  );
}

const arrays = (drops: readonly DropRecord[]) => [
  drops.map((d) => d.drNumber), drops.map((d) => d.projectId), drops.map((d) => d.address), drops.map((d) => d.gpsLat),
  drops.map((d) => d.gpsLng), drops.map((d) => d.installDate), drops.map((d) => d.ontSerial), drops.map((d) => d.poleNumber),
  drops.map((d) => d.pon), drops.map((d) => d.zone),
];

const UNNEST = `unnest($1::text[], $2::uuid[], $3::text[], $4::numeric[], $5::numeric[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[])
  AS v(dr_number, project_id, address, gps_lat, gps_lng, install_date, ont_serial, pole_number, pon, zone)`;

/** One statement per batch: unnest turns the column arrays into rows. */
export async function insertDrops(q: Queryable, drops: readonly DropRecord[], at: Date): Promise<void> {
  if (drops.length === 0) return;
  await q.query(
    `INSERT INTO ${writableRegister().drops} (dr_number, project_id, address, gps_lat, gps_lng, install_date, ont_serial, pole_number, pon, zone, created_at, updated_at)
     SELECT v.*, $11, $11 FROM ${UNNEST}`,
    [...arrays(drops), at],
  );
}

export async function updateDrops(q: Queryable, drops: readonly DropRecord[], at: Date): Promise<void> {
  if (drops.length === 0) return;
  await q.query(
    `UPDATE ${writableRegister().drops} d SET project_id = v.project_id, address = v.address, gps_lat = v.gps_lat, gps_lng = v.gps_lng,
            install_date = v.install_date, ont_serial = v.ont_serial, pole_number = v.pole_number, pon = v.pon, zone = v.zone, updated_at = $11
       FROM ${UNNEST} WHERE d.dr_number = v.dr_number`,
    [...arrays(drops), at],
  );
}

/** Of these drops, the ones with open tickets (their billing is re-checked after the import). */
export async function dropsWithOpenTickets(q: Queryable, dropIds: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ drop_id: string }>(
    `SELECT DISTINCT drop_id FROM tickets WHERE drop_id = ANY($1::uuid[]) AND deleted_at IS NULL
        AND status IN ('new','triaged','assigned','in_progress','blocked','pending_approval')`,
    [dropIds],
  );
  return rows.map((r) => r.drop_id);
}

export async function findMapping(q: Queryable, clientId: string): Promise<Record<string, string | null> | null> {
  const { rows } = await q.query<{ mapping: Record<string, string | null> }>('SELECT mapping FROM network_import_mappings WHERE client_id = $1', [clientId]);
  return rows[0]?.mapping ?? null;
}

export async function saveMapping(q: Queryable, clientId: string, mapping: Record<string, string | null>, userId: string | null, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO network_import_mappings (client_id, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (client_id) DO UPDATE SET mapping = EXCLUDED.mapping, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [clientId, JSON.stringify(mapping), userId, at],
  );
}

export interface ImportBatch {
  id: string;
  clientId: string;
  fileName: string;
  fileSha256: string;
  storageKey: string;
  format: 'xlsx' | 'csv';
  mapping: Record<string, string | null>;
  status: 'preview' | 'applying' | 'applied' | 'failed';
  summary: Record<string, unknown>;
  totalRows: number;
  createdAt: string;
  appliedAt: string | null;
}

const BATCH_SELECT = `SELECT id, client_id, file_name, file_sha256, storage_key, format, mapping, status, summary, total_rows, created_at, applied_at FROM network_imports`;

function mapBatch(r: Record<string, unknown>): ImportBatch {
  return {
    id: String(r.id), clientId: String(r.client_id), fileName: String(r.file_name), fileSha256: String(r.file_sha256), storageKey: String(r.storage_key),
    format: r.format as ImportBatch['format'], mapping: r.mapping as ImportBatch['mapping'], status: r.status as ImportBatch['status'],
    summary: r.summary as Record<string, unknown>, totalRows: Number(r.total_rows), createdAt: new Date(r.created_at as string).toISOString(),
    appliedAt: r.applied_at ? new Date(r.applied_at as string).toISOString() : null,
  };
}

export async function insertBatch(q: Queryable, b: Omit<ImportBatch, 'status' | 'appliedAt' | 'createdAt'> & { createdBy: string | null; at: Date }): Promise<void> {
  await q.query(
    `INSERT INTO network_imports (id, client_id, file_name, file_sha256, storage_key, format, mapping, summary, total_rows, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [b.id, b.clientId, b.fileName, b.fileSha256, b.storageKey, b.format, JSON.stringify(b.mapping), JSON.stringify(b.summary), b.totalRows, b.createdBy, b.at],
  );
}

export async function findBatch(q: Queryable, id: string, lock = false): Promise<ImportBatch | null> {
  const { rows } = await q.query<Record<string, unknown>>(`${BATCH_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? mapBatch(rows[0]) : null;
}

export async function listBatches(q: Queryable, limit: number): Promise<ImportBatch[]> {
  const { rows } = await q.query<Record<string, unknown>>(`${BATCH_SELECT} ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map(mapBatch);
}

export async function updateBatch(
  q: Queryable,
  id: string,
  b: { mapping?: Record<string, string | null>; summary: Record<string, unknown>; totalRows: number; status?: ImportBatch['status']; appliedAt?: Date },
): Promise<void> {
  await q.query(
    `UPDATE network_imports SET mapping = COALESCE($2, mapping), summary = $3, total_rows = $4, status = COALESCE($5, status), applied_at = COALESCE($6, applied_at)
      WHERE id = $1`,
    [id, b.mapping ? JSON.stringify(b.mapping) : null, JSON.stringify(b.summary), b.totalRows, b.status ?? null, b.appliedAt ?? null],
  );
}
