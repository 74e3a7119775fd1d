// FibreFlow's own client, project and drop tables (as its SOW import creates them: the columns the mapping reads,
// plus some it ignores) in schema `fibreflow`, and the read-only register views of neon/fibreflow/register_views.sql.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '@/src/lib/db';

export async function createFibreFlowTables(db: Queryable): Promise<void> {
  await db.exec(`
    CREATE SCHEMA fibreflow;
    CREATE TABLE fibreflow.clients (id uuid PRIMARY KEY, client_name text NOT NULL, client_code text, status text);
    CREATE TABLE fibreflow.projects (id uuid PRIMARY KEY, client_id uuid NOT NULL, project_name text NOT NULL, project_code text, region text, status text);
    CREATE TABLE fibreflow.drops (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), drop_number varchar(100) UNIQUE NOT NULL, pole_number varchar(100),
      project_id uuid NOT NULL, address text, customer_name varchar(255), cable_length varchar(50), installation_date date,
      status varchar(50) DEFAULT 'planned', notes text, metadata jsonb DEFAULT '{}', created_at timestamp DEFAULT now());
  `);
}

export async function applyRegisterViews(db: Queryable): Promise<void> {
  await db.exec(readFileSync(path.join(process.cwd(), 'neon/fibreflow/register_views.sql'), 'utf8'));
}
