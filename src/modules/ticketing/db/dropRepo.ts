// SQL for drops and the organisation around them: drop -> project -> client, with the project's guarantee period.
import type { Queryable } from '@/src/lib/db';
import { registerRelations } from './registerSource';

export interface DropDetails {
  id: string;
  drNumber: string;
  address: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  installDate: string | null;
  poleNumber: string | null;
  pon: string | null;
  zone: string | null;
  ontSerial: string | null;
  projectId: string;
  projectName: string;
  clientId: string;
  clientName: string;
  guaranteePeriodDays: number;
  materialGuaranteeDays: number;
  guaranteeStartsOn: string | null;
}

export async function findDropByDr(q: Queryable, drNumber: string): Promise<DropDetails | null> {
  const rel = registerRelations();
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT d.id, d.dr_number, d.address, d.gps_lat, d.gps_lng, d.install_date, d.pole_number, d.pon, d.zone,
            d.ont_serial, p.id AS project_id, p.name AS project_name, c.id AS client_id, c.name AS client_name,
            COALESCE(g.guarantee_period_days, 90) AS guarantee_period_days,
            COALESCE(g.material_guarantee_days, 365) AS material_guarantee_days, g.starts_on_override
       FROM ${rel.drops} d JOIN ${rel.projects} p ON p.id = d.project_id JOIN ${rel.clients} c ON c.id = p.client_id
       LEFT JOIN project_guarantees g ON g.project_id = p.id
      WHERE d.dr_number = $1`,
    [drNumber],
  );
  const r = rows[0];
  if (!r) return null;
  const n = (v: unknown) => (v === null ? null : Number(v));
  const s = (v: unknown) => (v === null ? null : String(v));
  return {
    id: String(r.id), drNumber: String(r.dr_number), address: s(r.address), gpsLat: n(r.gps_lat), gpsLng: n(r.gps_lng),
    installDate: s(r.install_date), poleNumber: s(r.pole_number), pon: s(r.pon), zone: s(r.zone), ontSerial: s(r.ont_serial),
    projectId: String(r.project_id), projectName: String(r.project_name), clientId: String(r.client_id),
    clientName: String(r.client_name), guaranteePeriodDays: Number(r.guarantee_period_days),
    materialGuaranteeDays: Number(r.material_guarantee_days), guaranteeStartsOn: s(r.starts_on_override),
  };
}

/** The client a project belongs to, or null when the project does not exist. */
export async function findProjectClient(q: Queryable, projectId: string): Promise<string | null> {
  const { rows } = await q.query<{ client_id: string }>(`SELECT client_id FROM ${registerRelations().projects} WHERE id = $1`, [projectId]);
  return rows[0]?.client_id ?? null;
}

export async function clientExists(q: Queryable, clientId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM ${registerRelations().clients} WHERE id = $1`, [clientId]);
  return rows.length === 1;
}

/** Tickets flagged "unknown drop" whose DR is now in the drop register (the job links them), oldest first. */
export async function findTicketsWithRegisteredDrop(q: Queryable, limit: number): Promise<{ id: string }[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT t.id FROM tickets t JOIN ${registerRelations().drops} d ON d.dr_number = t.dr_number
      WHERE t.drop_id IS NULL AND t.dr_number IS NOT NULL AND t.deleted_at IS NULL
      ORDER BY t.created_at, t.id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ id: String(r.id) }));
}
