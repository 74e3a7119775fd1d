// Register use cases for drops; a changed install date (or project) re-checks the billing of open tickets on the drop.
import { NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import type { Queryable } from '@/src/lib/db';
import { findRegisterDrop, insertDrop, listRegisterDrops, openTicketIdsOnDrop, setTicketOrganisation, updateDrop } from '../../db/dropRegisterRepo';
import { findRegisterProject } from '../../db/networkRepo';
import { assertRegisterWritable } from '../../db/registerSource';
import { appendHistory } from '../../db/historyRepo';
import { findTicketById } from '../../db/ticketRepo';
import type { DropCreate, DropRegisterQuery, DropUpdate, NetworkDrop } from '../../types/network';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import { LIFECYCLE_HOOKS } from '../lifecycle';
import { decodeCursor, pageOf } from '../registerCursor';
import { uniquely, type Page } from './registerService';

/** Drop fields that decide a ticket's guarantee: changing one re-checks open tickets on the drop. */
export const GUARANTEE_FIELDS = ['installDate', 'projectId'] as const;

export async function searchDrops(ctx: ServiceContext, query: DropRegisterQuery): Promise<Page<NetworkDrop>> {
  const after = decodeCursor(query.cursor);
  const rows = await listRegisterDrops(ctx.db, {
    q: query.q ?? null, afterDr: after?.key ?? null, limit: query.limit, includeInactive: query.includeInactive ?? false,
    projectId: query.project ?? null, clientId: query.client ?? null, pole: query.pole ?? null, pon: query.pon ?? null, zone: query.zone ?? null,
  });
  return pageOf(rows, query.limit, (d) => ({ key: d.drNumber, id: d.id }));
}

export async function getDrop(ctx: ServiceContext, idOrDr: string): Promise<NetworkDrop> {
  const d = await findRegisterDrop(ctx.db, idOrDr);
  if (!d) throw new NotFoundError('Drop');
  return d;
}

async function assertProject(q: Queryable, projectId: string): Promise<void> {
  const p = await findRegisterProject(q, projectId);
  if (!p) throw new UnprocessableError('Unknown project', { field: 'projectId' });
  if (!p.active) throw new UnprocessableError(`Project ${p.name} is deactivated`, { field: 'projectId' });
}

export async function createDrop(ctx: ServiceContext, input: DropCreate): Promise<NetworkDrop> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    await assertProject(tx, input.projectId);
    await uniquely(`Drop ${input.drNumber}`, () => insertDrop(tx, input, ctx.clock.now()));
    return (await findRegisterDrop(tx, input.drNumber)) as NetworkDrop;
  });
}

/**
 * Open tickets on the drop are classified again through the lifecycle hooks (billing re-classifies, SLA
 * re-targets), each with a history line saying which register change caused it.
 */
export async function recheckOpenTickets(tx: Queryable, ctx: ServiceContext, before: NetworkDrop, after: NetworkDrop): Promise<number> {
  const changed = GUARANTEE_FIELDS.filter((f) => before[f] !== after[f]);
  if (changed.length === 0) return 0;
  const ids = await openTicketIdsOnDrop(tx, after.id);
  for (const id of ids) {
    const t = (await findTicketById(tx, id)) as Ticket;
    for (const f of changed) {
      await appendHistory(tx, {
        ticketId: id, actor: ctx.user, action: 'drop_register_changed', field: f === 'installDate' ? 'drop_install_date' : 'drop_project',
        oldValue: before[f], newValue: after[f], details: { drNumber: after.drNumber, reason: `The drop register changed ${after.drNumber}` }, at: ctx.clock.now(),
      });
    }
    if (after.projectId !== t.projectId) {
      await setTicketOrganisation(tx, id, after.projectId, after.clientId);
    }
    const current = (await findTicketById(tx, id)) as Ticket;
    // 'dropId' stands for "the drop's facts changed": billing and SLA both react to it.
    for (const hook of LIFECYCLE_HOOKS) await hook.onUpdated?.(tx, ctx, t, current, ['dropId']);
  }
  return ids.length;
}

export async function editDrop(ctx: ServiceContext, idOrDr: string, input: DropUpdate): Promise<NetworkDrop & { ticketsRechecked: number }> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    const before = await findRegisterDrop(tx, idOrDr, true);
    if (!before) throw new NotFoundError('Drop');
    if (input.projectId && input.projectId !== before.projectId) await assertProject(tx, input.projectId);
    await updateDrop(tx, before.id, input, ctx.clock.now());
    const after = (await findRegisterDrop(tx, before.id)) as NetworkDrop;
    const ticketsRechecked = await recheckOpenTickets(tx, ctx, before, after);
    if (ticketsRechecked) ctx.log.info({ drNumber: after.drNumber, ticketsRechecked }, 'drop change re-checked open tickets');
    return { ...after, ticketsRechecked };
  });
}
