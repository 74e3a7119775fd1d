// What every service receives: the database, who acts, the clock, a logger and the config. Never req/res.
import type { AppConfig } from '@/src/lib/config';
import type { Clock } from '@/src/lib/clock';
import type { Db } from '@/src/lib/db';
import type { Logger } from '@/src/lib/logger';

/** A person (users row) or the system itself (jobs, inbound channels): id null. */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
  email?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'System', role: 'system' };

export interface ServiceContext {
  db: Db;
  user: Actor;
  clock: Clock;
  log: Logger;
  config: AppConfig;
}
