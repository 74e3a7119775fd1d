// What the E2E run seeded and where the app listens: written by scripts/e2e.ts, read by every E2E test file.
import { readFileSync } from 'node:fs';
import type { UserRole } from '@/src/modules/ticketing/types/enums';

export interface E2eUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  password: string;
  token: string;
}

export interface E2eFixture {
  baseUrl: string;
  chromiumPath: string;
  screensDir: string;
  users: Record<UserRole, E2eUser> & { technician2: E2eUser };
  clientName: string;
  projects: { lawley: string; mohadin: string; mamelodi: string };
  /** One drop per billing outcome: inside its guarantee, under an SLA contract, and billable. */
  drops: { guarantee: string; sla: string; billable: string; spare: string; /** Another Lawley drop on the same pole (mass-incident candidates). */ neighbour: string };
  feeRowId: string;
  /** The WhatsApp run (issue 9): the WAHA emulator scripts/e2e.ts starts, its webhook key, a drop for WhatsApp tickets. */
  whatsapp?: { emulatorUrl: string; hmacKey: string; drNumber: string };
  /** The QContact emulator the app syncs with (its /_emulator/* routes show what it holds and was told). */
  qcontactUrl?: string;
  /** CRON_SECRET of the app under test, to run a cron route (the worker is off). */
  cronSecret?: string;
}

export const FIXTURE_ENV = 'E2E_FIXTURE';

export function loadFixture(): E2eFixture {
  const file = process.env[FIXTURE_ENV];
  if (!file) throw new Error(`${FIXTURE_ENV} is not set: run the E2E suite with "npx tsx scripts/e2e.ts"`);
  return JSON.parse(readFileSync(file, 'utf8')) as E2eFixture;
}
