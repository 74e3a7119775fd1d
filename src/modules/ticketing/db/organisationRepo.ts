// SQL for the organisation lists: clients and projects with their counts, for pickers and filters.
import type { Queryable } from '@/src/lib/db';
import type { ClientSummary, ProjectSummary } from '../types/organisations';
import { registerRelations } from './registerSource';

export async function listClients(q: Queryable): Promise<ClientSummary[]> {
  const rel = registerRelations();
  const { rows } = await q.query<{ id: string; name: string; code: string | null; project_count: number }>(
    `SELECT c.id, c.name, c.code, (SELECT count(*)::int FROM ${rel.projects} p WHERE p.client_id = c.id) AS project_count
       FROM ${rel.clients} c ORDER BY c.name`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, code: r.code, projectCount: Number(r.project_count) }));
}

export async function listProjects(q: Queryable, clientId: string | null): Promise<ProjectSummary[]> {
  const rel = registerRelations();
  const { rows } = await q.query<{ id: string; name: string; code: string; region: string | null; client_id: string; client_name: string; drop_count: number }>(
    `SELECT p.id, p.name, p.code, p.region, p.client_id, c.name AS client_name,
            (SELECT count(*)::int FROM ${rel.drops} d WHERE d.project_id = p.id) AS drop_count
       FROM ${rel.projects} p JOIN ${rel.clients} c ON c.id = p.client_id
      WHERE ($1::uuid IS NULL OR p.client_id = $1::uuid) ORDER BY c.name, p.name`,
    [clientId],
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, code: r.code, region: r.region, clientId: r.client_id, clientName: r.client_name, dropCount: Number(r.drop_count),
  }));
}
