// Tickets flagged "unknown drop" (a DR not in the drop register) are linked to their drop once it is registered:
// project, client and address come from the drop, and billing then decides (it waited until now).
import { appendHistory } from '../db/historyRepo';
import { findTicketsWithRegisteredDrop } from '../db/dropRepo';
import { lockTicket, updateTicketColumns, type TicketWrite } from '../db/ticketRepo';
import type { Ticket } from '../types/tickets';
import { SYSTEM_ACTOR, type ServiceContext } from './context';
import { LIFECYCLE_HOOKS } from './lifecycle';
import { resolveOrganisation } from './ticketService';

export interface UnknownDropDeps {
  db: ServiceContext['db'];
  config: ServiceContext['config'];
  clock: ServiceContext['clock'];
  log: ServiceContext['log'];
}

/** Links one ticket to its now-registered drop; false when it is gone or another run got there first. */
export async function linkTicket(ctx: ServiceContext, id: string): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await lockTicket(tx, id);
    if (!before?.dropUnknown) return false;
    const org = await resolveOrganisation(tx, { drNumber: before.drNumber });
    const changes: TicketWrite = { dropId: org.dropId, projectId: org.projectId, clientId: org.clientId };
    if (!before.address && org.address) changes.address = org.address;
    await updateTicketColumns(tx, id, changes, now);
    await appendHistory(tx, {
      ticketId: id, actor: ctx.user, action: 'drop_registered', field: 'drNumber', newValue: before.drNumber,
      details: { reason: `${before.drNumber} is now in the drop register: project and client come from the drop` }, at: now,
    });
    const after = (await lockTicket(tx, id)) as Ticket;
    for (const hook of LIFECYCLE_HOOKS) await hook.onUpdated?.(tx, ctx, before, after, Object.keys(changes));
    return true;
  });
}

/** The worker job: links up to `limit` tickets whose unknown drop has been registered since. */
export async function linkRegisteredDrops(deps: UnknownDropDeps, limit = 100): Promise<{ linked: number }> {
  const ctx: ServiceContext = { ...deps, user: SYSTEM_ACTOR };
  let linked = 0;
  for (const { id } of await findTicketsWithRegisteredDrop(deps.db, limit)) {
    if (await linkTicket(ctx, id)) linked += 1;
  }
  if (linked > 0) deps.log.info({ linked }, 'tickets linked to newly registered drops');
  return { linked };
}
