// SQL for client contracts: list, read, insert, update, deactivate, and the rows classification needs.
import type { Queryable } from '@/src/lib/db';
import type { ContractFacts } from '../services/billing/billingCalculator';
import { centsToDecimal, decimalToCentsOrNull } from '../services/billing/money';
import type { Contract, ContractCreateInput, ContractListQuery, ContractUpdateInput } from '../types/billing';
import { mirrorRegisterRefs, registerRelations } from './registerSource';

interface ContractRow {
  id: string;
  client_id: string;
  client_name: string | null;
  project_id: string | null;
  project_name: string | null;
  contract_number: string;
  name: string;
  start_date: string;
  end_date: string | null;
  active: boolean;
  response_hours: string | null;
  resolution_hours: string | null;
  business_hours_only: boolean;
  hourly_rate: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT k.id, k.client_id, c.name AS client_name, k.project_id, p.name AS project_name, k.contract_number, k.name,
       k.start_date, k.end_date, k.active, k.response_hours, k.resolution_hours, k.business_hours_only, k.hourly_rate,
       k.notes, k.created_at, k.updated_at
  FROM client_contracts k JOIN clients c ON c.id = k.client_id LEFT JOIN projects p ON p.id = k.project_id`;

const num = (v: string | null) => (v === null ? null : Number(v));

function mapContract(r: ContractRow): Contract {
  return {
    id: r.id, clientId: r.client_id, clientName: r.client_name, projectId: r.project_id, projectName: r.project_name,
    contractNumber: r.contract_number, name: r.name, startDate: r.start_date, endDate: r.end_date, active: r.active,
    responseHours: num(r.response_hours), resolutionHours: num(r.resolution_hours), businessHoursOnly: r.business_hours_only,
    hourlyRateCents: decimalToCentsOrNull(r.hourly_rate), notes: r.notes,
    createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listContracts(q: Queryable, f: ContractListQuery): Promise<Contract[]> {
  const { rows } = await q.query<ContractRow>(
    `${SELECT}
      WHERE ($1::uuid IS NULL OR k.client_id = $1) AND ($2::uuid IS NULL OR k.project_id = $2) AND ($3::boolean IS NULL OR k.active = $3)
      ORDER BY c.name, k.start_date DESC, k.contract_number`,
    [f.clientId ?? null, f.projectId ?? null, f.active ?? null],
  );
  return rows.map(mapContract);
}

export async function findContract(q: Queryable, id: string): Promise<Contract | null> {
  const { rows } = await q.query<ContractRow>(`${SELECT} WHERE k.id = $1`, [id]);
  return rows[0] ? mapContract(rows[0]) : null;
}

export async function insertContract(tx: Queryable, c: ContractCreateInput, now: Date): Promise<string> {
  await mirrorRegisterRefs(tx, { clientId: c.clientId, projectId: c.projectId });
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO client_contracts (client_id, project_id, contract_number, name, start_date, end_date, active, response_hours,
       resolution_hours, business_hours_only, hourly_rate, notes, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
    [
      c.clientId, c.projectId ?? null, c.contractNumber, c.name, c.startDate, c.endDate ?? null, c.active ?? true,
      c.responseHours ?? null, c.resolutionHours ?? null, c.businessHoursOnly ?? true,
      c.hourlyRateCents == null ? null : centsToDecimal(c.hourlyRateCents), c.notes ?? null, now,
    ],
  );
  return rows[0].id;
}

const UPDATABLE: Record<keyof ContractUpdateInput, string> = {
  clientId: 'client_id', projectId: 'project_id', contractNumber: 'contract_number', name: 'name', startDate: 'start_date',
  endDate: 'end_date', active: 'active', responseHours: 'response_hours', resolutionHours: 'resolution_hours',
  businessHoursOnly: 'business_hours_only', hourlyRateCents: 'hourly_rate', notes: 'notes',
};

export async function updateContract(tx: Queryable, id: string, patch: ContractUpdateInput, now: Date): Promise<boolean> {
  await mirrorRegisterRefs(tx, { clientId: patch.clientId, projectId: patch.projectId });
  const keys = Object.keys(patch) as (keyof ContractUpdateInput)[];
  const params: unknown[] = [id, now];
  const sets = keys.map((k) => {
    const v = patch[k];
    params.push(k === 'hourlyRateCents' && typeof v === 'number' ? centsToDecimal(v) : (v ?? null));
    return `${UPDATABLE[k]} = $${params.length}`;
  });
  const { rowCount } = await tx.query(`UPDATE client_contracts SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
  return rowCount === 1;
}

/** Active contracts of a client or on a project: the candidates classification chooses from. */
export async function listContractFacts(q: Queryable, clientId: string | null, projectId: string | null): Promise<ContractFacts[]> {
  const { rows } = await q.query<{
    id: string; contract_number: string; client_id: string; project_id: string | null; start_date: string; end_date: string | null; active: boolean;
  }>(
    `SELECT id, contract_number, client_id, project_id, start_date, end_date, active
       FROM client_contracts WHERE active AND (client_id = $1 OR project_id = $2)`,
    [clientId, projectId],
  );
  return rows.map((r) => ({
    id: r.id, contractNumber: r.contract_number, clientId: r.client_id, projectId: r.project_id,
    startDate: r.start_date, endDate: r.end_date, active: r.active,
  }));
}

export async function projectClient(q: Queryable, projectId: string): Promise<string | null> {
  const { rows } = await q.query<{ client_id: string }>(`SELECT client_id FROM ${registerRelations().projects} WHERE id = $1`, [projectId]);
  return rows[0]?.client_id ?? null;
}

export async function clientExists(q: Queryable, clientId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM ${registerRelations().clients} WHERE id = $1`, [clientId]);
  return rows.length === 1;
}
