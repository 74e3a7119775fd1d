// Loads the demo: reference data (client, projects, drops, guarantees, contract, fees, users), then tickets
// through the services. Idempotent: present rows are left alone, and tickets are only made for an empty demo.
import type { AppConfig } from '@/src/lib/config';
import type { Db } from '@/src/lib/db';
import type { Logger } from '@/src/lib/logger';
import { hashPassword } from '@/src/lib/auth/password';
import type { Actor } from '../services/context';
import {
  DEMO_CLIENT, DEMO_CONTRACT, DEMO_FEES, DEMO_PROJECTS, DEMO_USERS, FEES_EFFECTIVE_FROM, GUARANTEE_DAYS,
  MATERIAL_GUARANTEE_DAYS, demoDrops,
} from './demoData';
import {
  countDemoTickets, ensureClient, ensureContract, ensureDrop, ensureFee, ensureGuarantee, ensureProject, ensureUser,
  userIdsByEmail,
} from '../db/seedRepo';
import { seedDemoTickets } from './demoTickets';
import { seedDemoNetwork } from './demoNetwork';
import { seedDemoWhatsapp } from './demoWhatsapp';

export { DEMO_USERS } from './demoData';

export interface SeedSummary {
  clients: number;
  projects: number;
  drops: number;
  guarantees: number;
  contracts: number;
  fees: number;
  users: number;
  tickets: number;
}

export interface SeedDeps {
  db: Db;
  config: AppConfig;
  log: Logger;
  now: Date;
}

/** The calendar date of `now` in the business timezone (install dates are dates there). */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

async function seedReference(deps: SeedDeps): Promise<Omit<SeedSummary, 'tickets'>> {
  const today = localDate(deps.now, deps.config.BUSINESS_TIMEZONE);
  const drops = demoDrops(today);
  // Hash outside the transaction: scrypt is slow, and the transaction should be short.
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) hashes.set(u.email, await hashPassword(u.password));
  return deps.db.transaction(async (tx) => {
    const n: Omit<SeedSummary, 'tickets'> = { clients: 0, projects: 0, drops: 0, guarantees: 0, contracts: 0, fees: 0, users: 0 };
    const client = await ensureClient(tx, DEMO_CLIENT);
    n.clients += Number(client.created);
    const projectIds = new Map<string, string>();
    for (const p of DEMO_PROJECTS) {
      const project = await ensureProject(tx, { clientId: client.id, code: p.code, name: p.name, region: p.region });
      projectIds.set(p.code, project.id);
      n.projects += Number(project.created);
      n.guarantees += Number(await ensureGuarantee(tx, project.id, GUARANTEE_DAYS, MATERIAL_GUARANTEE_DAYS));
    }
    for (const d of drops) n.drops += Number(await ensureDrop(tx, projectIds.get(d.projectCode) as string, d));
    const contractProject = projectIds.get(DEMO_CONTRACT.projectCode) as string;
    n.contracts += Number(await ensureContract(tx, { ...DEMO_CONTRACT, clientId: client.id, projectId: contractProject }));
    for (const f of DEMO_FEES) n.fees += Number(await ensureFee(tx, f, FEES_EFFECTIVE_FROM));
    for (const u of DEMO_USERS) {
      const user = await ensureUser(tx, { ...u, passwordHash: hashes.get(u.email) as string });
      n.users += Number(user.created);
    }
    return n;
  });
}

/** Seeds the demo and says what it added (all zeros on a second run). */
export async function seedDemo(deps: SeedDeps): Promise<SeedSummary> {
  const reference = await seedReference(deps);
  let tickets = 0;
  if ((await countDemoTickets(deps.db)) === 0) {
    const ids = await userIdsByEmail(deps.db, DEMO_USERS.map((u) => u.email));
    const people = new Map<string, Actor>(
      DEMO_USERS.map((u) => [u.email.toLowerCase(), { id: ids.get(u.email.toLowerCase()) as string, name: u.name, role: u.role, email: u.email }]),
    );
    const drops = demoDrops(localDate(deps.now, deps.config.BUSINESS_TIMEZONE));
    tickets = await seedDemoTickets({ ...deps, people, drops });
    tickets += await seedDemoNetwork({ ...deps, people, drops }, people.get('agent@fibreflow.local') as Actor, people.get('manager@fibreflow.local') as Actor);
    // A WhatsApp conversation with media (issue 9), through the real inbound processor.
    const lawley = drops.filter((d) => d.projectCode === 'LAW');
    tickets += await seedDemoWhatsapp({ ...deps, agent: people.get('agent@fibreflow.local') as Actor }, lawley[lawley.length - 1].drNumber);
  }
  const summary = { ...reference, tickets };
  deps.log.info({ summary }, 'demo data seeded');
  return summary;
}
