// Where the network register (clients, projects, drops) is read from: our own tables, or, inside FibreFlow
// (NETWORK_REGISTER_SOURCE=fibreflow), FibreFlow's tables through the read-only views of
// neon/fibreflow/register_views.sql. Every register read names its relations through registerRelations(); every
// register write through writableRegister(), which refuses while FibreFlow owns the register.
import { AppError } from '@/src/lib/api/errors';
import { getConfig } from '@/src/lib/config';
import type { Queryable } from '@/src/lib/db';

export interface RegisterRelations {
  clients: string;
  projects: string;
  drops: string;
}

const OWN: RegisterRelations = { clients: 'clients', projects: 'projects', drops: 'drops' };
const FIBREFLOW: RegisterRelations = {
  clients: 'ticketing_register.clients',
  projects: 'ticketing_register.projects',
  drops: 'ticketing_register.drops',
};

export class RegisterReadOnlyError extends AppError {
  constructor() {
    super(
      409,
      'REGISTER_READ_ONLY',
      'The network register is read-only here: FibreFlow owns clients, projects and drops (NETWORK_REGISTER_SOURCE=fibreflow). Change them in FibreFlow.',
    );
  }
}

export function registerFromFibreFlow(): boolean {
  return getConfig().NETWORK_REGISTER_SOURCE === 'fibreflow';
}

/** The relations the register's reads use. */
export function registerRelations(): RegisterRelations {
  return registerFromFibreFlow() ? FIBREFLOW : OWN;
}

/** Throws the 409 while FibreFlow owns the register; call before any change to clients, projects or drops. */
export function assertRegisterWritable(): void {
  if (registerFromFibreFlow()) throw new RegisterReadOnlyError();
}

/** Our own tables, for a write; refused (409) while FibreFlow owns the register. */
export function writableRegister(): RegisterRelations {
  assertRegisterWritable();
  return OWN;
}

export interface RegisterRefs {
  dropId?: unknown;
  projectId?: unknown;
  clientId?: unknown;
}

const uuidOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Tickets, guarantees and contracts keep foreign keys to our clients, projects and drops. With FibreFlow as the
 * source, the rows such a write points at are copied (same id) from the views into our tables first, and refreshed
 * on every later reference, so the keys hold. Own source: nothing to do.
 */
export async function mirrorRegisterRefs(q: Queryable, refs: RegisterRefs): Promise<void> {
  if (!registerFromFibreFlow()) return;
  const [dropId, projectId, clientId] = [uuidOrNull(refs.dropId), uuidOrNull(refs.projectId), uuidOrNull(refs.clientId)];
  if (!dropId && !projectId && !clientId) return;
  const projectIds = `SELECT $2::uuid UNION SELECT d.project_id FROM ticketing_register.drops d WHERE d.id = $1::uuid`;
  await q.query(
    `INSERT INTO clients (id, name, code, active)
     SELECT c.id, c.name, c.code, c.active FROM ticketing_register.clients c
      WHERE c.id = $3::uuid OR c.id IN (SELECT p.client_id FROM ticketing_register.projects p WHERE p.id IN (${projectIds}))
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, code = EXCLUDED.code, active = EXCLUDED.active, updated_at = now()
      WHERE (clients.name, clients.code, clients.active) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.code, EXCLUDED.active)`,
    [dropId, projectId, clientId],
  );
  await q.query(
    `INSERT INTO projects (id, client_id, name, code, region, active)
     SELECT p.id, p.client_id, p.name, p.code, p.region, p.active FROM ticketing_register.projects p WHERE p.id IN (${projectIds})
     ON CONFLICT (id) DO UPDATE SET client_id = EXCLUDED.client_id, name = EXCLUDED.name, code = EXCLUDED.code,
            region = EXCLUDED.region, active = EXCLUDED.active, updated_at = now()
      WHERE (projects.client_id, projects.name, projects.code, projects.region, projects.active)
            IS DISTINCT FROM (EXCLUDED.client_id, EXCLUDED.name, EXCLUDED.code, EXCLUDED.region, EXCLUDED.active)`,
    [dropId, projectId],
  );
  if (!dropId) return;
  await q.query(
    `INSERT INTO drops (id, dr_number, project_id, address, gps_lat, gps_lng, install_date, pole_number, pon, zone, ont_serial, active)
     SELECT d.id, d.dr_number, d.project_id, d.address, d.gps_lat, d.gps_lng, d.install_date, d.pole_number, d.pon, d.zone, d.ont_serial, d.active
       FROM ticketing_register.drops d WHERE d.id = $1::uuid
     ON CONFLICT (id) DO UPDATE SET dr_number = EXCLUDED.dr_number, project_id = EXCLUDED.project_id, address = EXCLUDED.address,
            gps_lat = EXCLUDED.gps_lat, gps_lng = EXCLUDED.gps_lng, install_date = EXCLUDED.install_date, pole_number = EXCLUDED.pole_number,
            pon = EXCLUDED.pon, zone = EXCLUDED.zone, ont_serial = EXCLUDED.ont_serial, active = EXCLUDED.active, updated_at = now()`,
    [dropId],
  );
}
