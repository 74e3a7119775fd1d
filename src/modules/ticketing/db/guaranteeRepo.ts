// SQL for per-project guarantee periods; a project without a row has the defaults (90 days, 365 on material).
import type { Queryable } from '@/src/lib/db';
import { DEFAULT_GUARANTEE_DAYS, DEFAULT_MATERIAL_GUARANTEE_DAYS, type GuaranteeFacts } from '../services/billing/billingCalculator';
import type { Guarantee, GuaranteeUpsertInput } from '../types/billing';
import { mirrorRegisterRefs, registerRelations } from './registerSource';

interface GuaranteeRow {
  project_id: string;
  project_name: string;
  client_id: string;
  guarantee_period_days: number | null;
  material_guarantee_days: number | null;
  starts_on_override: string | null;
  updated_at: Date | null;
}

const select = () => `SELECT p.id AS project_id, p.name AS project_name, p.client_id, g.guarantee_period_days, g.material_guarantee_days,
       g.starts_on_override, g.updated_at
  FROM ${registerRelations().projects} p LEFT JOIN project_guarantees g ON g.project_id = p.id`;

function mapGuarantee(r: GuaranteeRow): Guarantee {
  const isDefault = r.guarantee_period_days === null;
  return {
    projectId: r.project_id,
    projectName: r.project_name,
    clientId: r.client_id,
    guaranteePeriodDays: r.guarantee_period_days ?? DEFAULT_GUARANTEE_DAYS,
    materialGuaranteeDays: r.material_guarantee_days ?? DEFAULT_MATERIAL_GUARANTEE_DAYS,
    startsOnOverride: r.starts_on_override,
    isDefault,
    updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
  };
}

/** Every project with its guarantee (defaults shown for projects without a row). */
export async function listGuarantees(q: Queryable, clientId?: string): Promise<Guarantee[]> {
  const { rows } = await q.query<GuaranteeRow>(`${select()} WHERE ($1::uuid IS NULL OR p.client_id = $1) ORDER BY p.name`, [clientId ?? null]);
  return rows.map(mapGuarantee);
}

export async function findProjectGuarantee(q: Queryable, projectId: string): Promise<Guarantee | null> {
  const { rows } = await q.query<GuaranteeRow>(`${select()} WHERE p.id = $1`, [projectId]);
  return rows[0] ? mapGuarantee(rows[0]) : null;
}

export async function upsertGuarantee(tx: Queryable, g: GuaranteeUpsertInput, now: Date): Promise<void> {
  await mirrorRegisterRefs(tx, { projectId: g.projectId });
  await tx.query(
    `INSERT INTO project_guarantees (project_id, guarantee_period_days, material_guarantee_days, starts_on_override, updated_at)
     VALUES ($1, $2, COALESCE($3::int, $6::int), $4::date, $5)
     ON CONFLICT (project_id) DO UPDATE SET guarantee_period_days = EXCLUDED.guarantee_period_days,
       material_guarantee_days = COALESCE($3::int, project_guarantees.material_guarantee_days),
       starts_on_override = CASE WHEN $7::boolean THEN EXCLUDED.starts_on_override ELSE project_guarantees.starts_on_override END,
       updated_at = EXCLUDED.updated_at`,
    [g.projectId, g.guaranteePeriodDays, g.materialGuaranteeDays ?? null, g.startsOnOverride ?? null, now, DEFAULT_MATERIAL_GUARANTEE_DAYS, g.startsOnOverride !== undefined],
  );
}

/** The guarantee row classification uses; null when the project has none (the calculator applies the defaults). */
export async function findGuaranteeFacts(q: Queryable, projectId: string): Promise<GuaranteeFacts | null> {
  const { rows } = await q.query<{ guarantee_period_days: number; material_guarantee_days: number; starts_on_override: string | null }>(
    'SELECT guarantee_period_days, material_guarantee_days, starts_on_override FROM project_guarantees WHERE project_id = $1',
    [projectId],
  );
  const r = rows[0];
  return r ? { periodDays: Number(r.guarantee_period_days), materialDays: Number(r.material_guarantee_days), startsOnOverride: r.starts_on_override } : null;
}
