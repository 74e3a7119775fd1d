// The SLA sweep: one indexed query finds tickets whose next threshold instant has passed, and each is fired in its
// own transaction. Runs from the worker every minute and from POST /api/ticketing/cron-sla; safe to run concurrently.
import { findDueTickets, setNextCheck } from '../db/slaRepo';
import { loadBusinessCalendar } from '../services/sla/calendarService';
import { fireDueThresholds, managerDirectory } from '../services/sla/slaThresholds';
import { assertCronSecret } from '@/src/lib/api/cron';
import type { OutboxDeps } from './outboxTypes';

/** A ticket whose thresholds failed to compute is looked at again after this long. */
const RETRY_FAILED_MS = 5 * 60_000;

export interface SlaSweepResult {
  warned: number;
  escalated: number;
  breached: number;
}

export interface SlaSweepOptions {
  /** Tickets per candidate query (default 200). */
  batchSize?: number;
  /** Candidate queries per run at most (default 25), so one run stays bounded. */
  maxBatches?: number;
}

export async function runSlaSweep(deps: OutboxDeps, opts: SlaSweepOptions = {}): Promise<SlaSweepResult> {
  const batchSize = opts.batchSize ?? 200;
  const now = deps.clock.now();
  const log = deps.log.child({ job: 'sla-sweep' });
  const calendar = await loadBusinessCalendar(deps.db);
  const managers = managerDirectory();
  const result: SlaSweepResult = { warned: 0, escalated: 0, breached: 0 };
  let cursor: { at: Date; id: string } | null = null;
  let tickets = 0;
  for (let batch = 0; batch < (opts.maxBatches ?? 25); batch++) {
    const due = await findDueTickets(deps.db, now, batchSize, cursor);
    for (const { id } of due) {
      tickets += 1;
      try {
        for (const p of await fireDueThresholds(deps, calendar, id, now, managers)) {
          if (p.threshold === 'warning') result.warned += 1;
          else if (p.threshold === 'escalation') result.escalated += 1;
          else result.breached += 1;
        }
      } catch (err) {
        // One ticket that cannot be computed must not stop the others: log it and look again a little later.
        log.error({ err, ticketId: id }, 'SLA thresholds of a ticket could not be processed');
        await setNextCheck(deps.db, id, new Date(now.getTime() + RETRY_FAILED_MS));
      }
    }
    if (due.length < batchSize) break;
    cursor = due[due.length - 1];
  }
  if (result.warned + result.escalated + result.breached > 0) log.info({ ...result, tickets }, 'SLA sweep fired thresholds');
  return result;
}

/** POST /api/ticketing/cron-sla: the scheduler proves itself with CRON_SECRET, then one sweep runs. */
export async function runSlaCron(deps: OutboxDeps, headers: { authorization?: string; cronSecret?: string | string[] }): Promise<SlaSweepResult> {
  assertCronSecret(deps.config.CRON_SECRET, headers);
  return runSlaSweep(deps);
}
