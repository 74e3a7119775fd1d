// Small factories with sensible defaults: each test makes exactly the rows it needs.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '@/src/lib/db';
import { hashPassword } from '@/src/lib/auth/password';
import { newApiToken } from '@/src/lib/auth/session';
import { insertApiToken } from '@/src/lib/auth/userRepo';
import type { UserRole } from '@/src/modules/ticketing/types/enums';

const uniq = () => randomBytes(4).toString('hex');
// Generated DR numbers stay below DR8000000: tests that name their own drops use DR8xxxxxx and DR9xxxxxx.
let drSeq = 1_000_000 + Math.floor(Math.random() * 6_900_000);

export async function makeClient(db: Queryable, o: { name?: string } = {}): Promise<{ id: string; name: string }> {
  const name = o.name ?? `Client ${uniq()}`;
  const { rows } = await db.query<{ id: string }>('INSERT INTO clients (name, code) VALUES ($1, $2) RETURNING id', [name, uniq()]);
  return { id: rows[0].id, name };
}

export async function makeProject(db: Queryable, o: { clientId?: string; name?: string; guaranteeDays?: number } = {}) {
  const clientId = o.clientId ?? (await makeClient(db)).id;
  const name = o.name ?? `Project ${uniq()}`;
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO projects (client_id, name, code) VALUES ($1, $2, $3) RETURNING id',
    [clientId, name, `P-${uniq()}`],
  );
  if (o.guaranteeDays !== undefined) {
    await db.query('INSERT INTO project_guarantees (project_id, guarantee_period_days) VALUES ($1, $2)', [rows[0].id, o.guaranteeDays]);
  }
  return { id: rows[0].id, clientId, name };
}

export function nextDrNumber(): string {
  drSeq += 1;
  return `DR${String(drSeq).padStart(7, '0')}`;
}

export async function makeDrop(
  db: Queryable,
  o: { projectId?: string; drNumber?: string; installDate?: string | null; address?: string } = {},
) {
  const projectId = o.projectId ?? (await makeProject(db)).id;
  const drNumber = o.drNumber ?? nextDrNumber();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO drops (dr_number, project_id, address, install_date, pole_number)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [drNumber, projectId, o.address ?? '12 Test Street, Lawley', o.installDate === undefined ? '2026-01-15' : o.installDate, 'LAW.P.B167'],
  );
  return { id: rows[0].id, drNumber, projectId };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  password: string;
  token: string;
}

export async function makeUser(db: Queryable, o: { role?: UserRole; name?: string; email?: string; password?: string } = {}): Promise<TestUser> {
  const role = o.role ?? 'agent';
  const password = o.password ?? `pw-${uniq()}-secret`;
  const email = o.email ?? `${role}.${uniq()}@fibreflow.test`;
  const name = o.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${uniq()}`;
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO users (email, name, role, password_hash, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [email, name, role, await hashPassword(password), '+27820000000'],
  );
  const { token, hash } = newApiToken();
  await insertApiToken(db, rows[0].id, 'test', hash);
  return { id: rows[0].id, email, name, role, password, token };
}
