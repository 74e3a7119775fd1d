// Repeat faults: a new fault is queued in its creating transaction; the worker then counts faults on its drop, pole,
// PON and zone in the window; an element over its threshold gets one high-priority infrastructure ticket (never a
// second while it is open), the faults are linked to it, its open faults become its mass-incident children, and the
// managers are told.
import type { Queryable } from '@/src/lib/db';
import { assertCronSecret } from '@/src/lib/api/cron';
import { appendHistory } from '../../db/historyRepo';
import {
  activeManagerIds, claimRepeatCheck, closeAlertsOfTicket, enqueueRepeatCheck, faultIdsOnElement, findDropElements, findOpenAlert, insertAlert, linkFaults, listOpenAlerts,
  listThresholds, lockElement, saveThreshold, type DropElements, type HotElementRow, type ThresholdRow,
} from '../../db/repeatFaultRepo';
import { findTicketById, insertTicket, lockTicket, nextCounterValue } from '../../db/ticketRepo';
import type { Ticket } from '../../types/tickets';
import { SYSTEM_ACTOR, type ServiceContext } from '../context';
import type { TicketLifecycleHook } from '../lifecycle';
import { notifyUsers } from '../notifications/notificationService';
import { planUid } from '../uid';
import { alertText, hotElements, type ElementCount, type ElementKind, type HotElement } from './repeatFaultRule';

const FINISHED = new Set(['resolved', 'closed', 'cancelled']);

function keysOf(d: DropElements): [ElementKind, string | null][] {
  return [['drop', d.drNumber], ['pole', d.pole], ['pon', d.pon], ['zone', d.zone]];
}

/** The infrastructure ticket, created in the same transaction with the same hooks as any ticket. */
async function createInfrastructureTicket(tx: Queryable, ctx: ServiceContext, e: HotElement, d: DropElements, windowDays: number): Promise<Ticket> {
  const now = ctx.clock.now();
  const plan = planUid('internal', {});
  const uid = plan.kind === 'fixed' ? plan.uid : plan.format(await nextCounterValue(tx, plan.counterKey));
  const text = alertText(e, windowDays);
  const id = await insertTicket(tx, {
    ticketUid: uid, source: 'internal', externalId: null, ticketType: 'maintenance', category: 'repeat_fault', priority: 'high', status: 'new',
    title: text.title, description: text.description, drNumber: e.kind === 'drop' ? d.drNumber : null, dropId: e.kind === 'drop' ? d.dropId : null,
    projectId: d.projectId, clientId: d.clientId, gpsLat: d.gpsLat, gpsLng: d.gpsLng, createdBy: ctx.user.id, createdAt: now,
  });
  await appendHistory(tx, { ticketId: id, actor: ctx.user, action: 'created', newValue: uid, details: { source: 'internal', rule: 'repeat_fault', element: `${e.kind}:${e.key}` }, at: now });
  const created = (await findTicketById(tx, id)) as Ticket;
  // Imported lazily: the lifecycle list includes this module's own hook.
  const { LIFECYCLE_HOOKS } = await import('../lifecycle');
  for (const hook of LIFECYCLE_HOOKS) await hook.onCreated?.(tx, ctx, created);
  return (await findTicketById(tx, id)) as Ticket;
}

async function linkAndRecord(tx: Queryable, ctx: ServiceContext, alertId: string, infra: Ticket, faultIds: string[], e: HotElement): Promise<void> {
  const linked = await linkFaults(tx, alertId, faultIds, ctx.clock.now());
  for (const id of linked) {
    await appendHistory(tx, {
      ticketId: id, actor: ctx.user, action: 'linked_to_infrastructure', field: 'infrastructure_ticket', newValue: infra.ticketUid,
      details: { element: `${e.kind}:${e.key}`, infrastructureTicketId: infra.id }, at: ctx.clock.now(),
    });
  }
  // The infrastructure ticket leads the open faults as a mass incident (their clocks wait for it, its updates reach
  // their customers); a fault already in another incident stays there. Imported lazily: the incident service
  // reaches the lifecycle hooks, which include this module.
  const { adoptIntoIncident } = await import('./massIncidentService');
  const open: Ticket[] = [];
  // Locked one by one in id order (as any two such runs take them), so a person's concurrent edit waits or loses its version.
  for (const id of [...linked].sort()) {
    const t = await lockTicket(tx, id);
    if (t && !FINISHED.has(t.status)) open.push(t);
  }
  await adoptIntoIncident(tx, ctx, infra, open);
}

export async function checkRepeatFaults(tx: Queryable, ctx: ServiceContext, fault: Ticket): Promise<HotElement[]> {
  if (fault.ticketType !== 'fault' || !fault.dropId) return [];
  const d = await findDropElements(tx, fault.dropId);
  if (!d) return [];
  const settings = new Map((await listThresholds(tx)).map((t) => [t.kind, t]));
  const now = ctx.clock.now();
  // The window ends at the fault's creation, however late the worker runs.
  const createdAt = new Date(fault.createdAt);
  const hot: HotElement[] = [];
  for (const [kind, key] of keysOf(d)) {
    if (!key) continue;
    const windowDays = settings.get(kind)?.windowDays ?? 30;
    await lockElement(tx, kind, key);
    const ids = await faultIdsOnElement(tx, kind, key, new Date(createdAt.getTime() - windowDays * 86_400_000), createdAt);
    const counts: ElementCount[] = [{ kind, key, faults: ids.length }];
    const [e] = hotElements(counts, { [kind]: settings.get(kind)?.threshold });
    if (!e) continue;
    hot.push(e);
    const open = await findOpenAlert(tx, kind, key);
    if (open) {
      const infra = (await findTicketById(tx, open.ticketId)) as Ticket;
      await linkAndRecord(tx, ctx, open.id, infra, ids, e);
      continue;
    }
    const infra = await createInfrastructureTicket(tx, ctx, e, d, windowDays);
    const alertId = (await insertAlert(tx, { kind, key, ticketId: infra.id, faults: ids.length, gpsLat: d.gpsLat, gpsLng: d.gpsLng, at: now })) as string;
    await linkAndRecord(tx, ctx, alertId, infra, ids, e);
    await notifyUsers(tx, ctx, {
      event: 'network.repeat_fault', ticketId: infra.id, userIds: await activeManagerIds(tx), dedupeKey: `repeat-fault:${alertId}`,
      trigger: 'network.repeat_fault', template: { ticket: infra, dueAt: infra.dueAt ? new Date(infra.dueAt) : null },
    });
    ctx.log.info({ element: `${kind}:${key}`, faults: ids.length, ticketUid: infra.ticketUid }, 'repeat faults opened an infrastructure ticket');
  }
  return hot;
}

export const repeatFaultHooks: TicketLifecycleHook = {
  name: 'repeat-fault',
  onCreated: async (tx, ctx, ticket) => {
    if (ticket.ticketType === 'fault' && ticket.dropId) await enqueueRepeatCheck(tx, ticket.id, ctx.clock.now());
  },
  async onStatusChanged(tx, ctx, ticket, event) {
    if (FINISHED.has(event.to)) await closeAlertsOfTicket(tx, ticket.id, ctx.clock.now());
  },
};

/** The worker job: checks queued faults one transaction each, up to `max` per run. */
export async function processRepeatFaultQueue(deps: Omit<ServiceContext, 'user'>, max = 100): Promise<{ checked: number; hot: number }> {
  const ctx: ServiceContext = { ...deps, user: SYSTEM_ACTOR };
  let checked = 0;
  let hot = 0;
  while (checked < max) {
    const found = await ctx.db.transaction(async (tx) => {
      const id = await claimRepeatCheck(tx);
      if (!id) return false;
      const fault = await findTicketById(tx, id);
      if (fault) hot += (await checkRepeatFaults(tx, ctx, fault)).length;
      return true;
    });
    if (!found) break;
    checked += 1;
  }
  return { checked, hot };
}

export async function getHotElements(ctx: ServiceContext): Promise<{ elements: HotElementRow[]; map: { tileUrl: string | null; attribution: string } }> {
  return {
    elements: await listOpenAlerts(ctx.db, 200),
    map: { tileUrl: ctx.config.MAP_TILE_URL || null, attribution: ctx.config.MAP_TILE_ATTRIBUTION },
  };
}

export function getThresholds(ctx: ServiceContext): Promise<ThresholdRow[]> {
  return listThresholds(ctx.db);
}

export async function updateThresholds(ctx: ServiceContext, rows: ThresholdRow[]): Promise<ThresholdRow[]> {
  await ctx.db.transaction(async (tx) => {
    for (const r of rows) await saveThreshold(tx, r, ctx.clock.now());
  });
  return listThresholds(ctx.db);
}

/** The cron route's entry: the secret first, then one run of the queue. */
export async function runRepeatFaultCron(deps: Omit<ServiceContext, 'user'>, headers: { authorization?: string; cronSecret?: string | string[] }) {
  assertCronSecret(deps.config.CRON_SECRET, headers);
  return processRepeatFaultQueue(deps);
}
