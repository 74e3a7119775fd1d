// Seeds a fresh database for the browser tests: one user per role, three projects, drops per billing case, fees.
import type { Queryable } from '@/src/lib/db';
import { makeClient, makeDrop, makeProject, makeUser } from '@/tests/helpers/factories';
import type { E2eFixture, E2eUser } from './fixture';

const ROLES = ['admin', 'manager', 'agent', 'technician', 'finance'] as const;
const NAMES: Record<(typeof ROLES)[number], string> = {
  admin: 'Ayanda Admin',
  manager: 'Mpho Manager',
  agent: 'Aisha Agent',
  technician: 'Thabo Technician',
  finance: 'Fiona Finance',
};

// The design's fee rows in rand: ticket type, priority, base / hourly / travel.
const FEES: [string, string, number, number, number][] = [
  ['fault', 'critical', 500, 150, 100],
  ['fault', 'high', 350, 120, 75],
  ['fault', 'medium', 250, 100, 50],
  ['fault', 'low', 150, 80, 50],
  ['installation', 'high', 450, 120, 75],
  ['query', 'low', 50, 50, 0],
];

// The design's SLA defaults for faults: response / resolution hours, business hours or around the clock.
const SLA: [string, number, number, boolean][] = [
  ['critical', 1, 4, false],
  ['high', 2, 8, true],
  ['medium', 4, 24, true],
  ['low', 8, 48, true],
];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function seedE2e(db: Queryable, now: Date): Promise<Omit<E2eFixture, 'baseUrl' | 'chromiumPath' | 'screensDir'>> {
  const users = {} as Record<string, E2eUser>;
  for (const role of ROLES) {
    users[role] = await makeUser(db, { role, name: NAMES[role], email: `${role}@fibreflow.test`, password: `${role}-password-1` });
  }
  users.technician2 = await makeUser(db, { role: 'technician', name: 'Themba Technician', email: 'technician2@fibreflow.test', password: 'technician2-password-1' });

  const client = await makeClient(db, { name: 'Velocity Fibre' });
  const lawley = await makeProject(db, { clientId: client.id, name: 'Lawley', guaranteeDays: 90 });
  const mohadin = await makeProject(db, { clientId: client.id, name: 'Mohadin', guaranteeDays: 90 });
  const mamelodi = await makeProject(db, { clientId: client.id, name: 'Mamelodi', guaranteeDays: 90 });

  const recent = isoDate(new Date(now.getTime() - 30 * 86_400_000));
  const old = '2025-01-10';
  const guarantee = await makeDrop(db, { projectId: lawley.id, drNumber: 'DR1734315', installDate: recent, address: '14 Protea Street, Lawley Ext 3' });
  const sla = await makeDrop(db, { projectId: mohadin.id, drNumber: 'DR1734472', installDate: old, address: '7 Mohadin Road, Mohadin' });
  const billable = await makeDrop(db, { projectId: mamelodi.id, drNumber: 'DR1734588', installDate: old, address: '221 Tsamaya Avenue, Mamelodi East' });
  const spare = await makeDrop(db, { projectId: mamelodi.id, drNumber: 'DR1734599', installDate: old, address: '3 Serene Street, Mamelodi East' });
  const neighbour = await makeDrop(db, { projectId: lawley.id, drNumber: 'DR1734320', installDate: recent, address: '16 Protea Street, Lawley Ext 3' });

  await db.query(
    `INSERT INTO client_contracts (client_id, project_id, contract_number, name, start_date, active, response_hours, resolution_hours, business_hours_only)
     VALUES ($1, $2, 'VF-MOH-2026', 'Mohadin maintenance SLA', '2026-01-01', true, 4, 24, true)`,
    [client.id, mohadin.id],
  );
  let feeRowId = '';
  for (const [ticketType, priority, base, hourly, travel] of FEES) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO billable_fee_schedule (service_type, ticket_type, priority, base_fee, hourly_rate, travel_fee, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, '2026-01-01') RETURNING id`,
      [`${ticketType} callout`, ticketType, priority, base, hourly, travel],
    );
    if (ticketType === 'fault' && priority === 'medium') feeRowId = rows[0].id;
  }
  for (const [priority, response, resolution, businessOnly] of SLA) {
    await db.query(
      `INSERT INTO sla_configs (ticket_type, priority, response_hours, resolution_hours, business_hours_only)
       VALUES ('fault', $1, $2, $3, $4) ON CONFLICT (ticket_type, priority) DO NOTHING`,
      [priority, response, resolution, businessOnly],
    );
  }
  // A call that gave up (the worker is off in E2E, so nothing else ever reaches dead): the outbox screen retries it.
  await db.query(
    `INSERT INTO outbox (kind, payload, idempotency_key, status, attempts, max_attempts, last_error)
     VALUES ('qcontact.status', '{"caseId": 23978236256}'::jsonb, 'e2e-dead-qcontact-1', 'dead', 8, 8, 'HTTP 503 from QContact')`,
  );
  return {
    users: users as E2eFixture['users'],
    clientName: client.name,
    projects: { lawley: lawley.id, mohadin: mohadin.id, mamelodi: mamelodi.id },
    drops: { guarantee: guarantee.drNumber, sla: sla.drNumber, billable: billable.drNumber, spare: spare.drNumber, neighbour: neighbour.drNumber },
    feeRowId,
    whatsapp: { emulatorUrl: '', hmacKey: '', drNumber: (await makeDrop(db, { projectId: lawley.id, installDate: isoDate(new Date(now.getTime() - 5 * 86_400_000)), address: '3 Protea Street, Lawley' })).drNumber },
  };
}
