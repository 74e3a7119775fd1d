// Firing a ticket's crossed SLA thresholds: once per ticket, target, threshold and cycle (sla_events' unique key),
// each with its history row, ticket mark and notifications, in one transaction per ticket.
import type { Db, Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { findRecipients, listActiveUserIdsByRole } from '../../db/notificationRepo';
import { findTicketSla, insertSlaEvent, listFiredThresholds, markThreshold, setNextCheck, type TicketSla } from '../../db/slaRepo';
import type { NotificationEvent } from '../../types/notifications';
import type { SlaThreshold } from '../../types/sla';
import { SYSTEM_ACTOR } from '../context';
import { notifyUsers, type NotifyDeps } from '../notifications/notificationService';
import { slaClock, type BusinessCalendar } from './businessCalendar';
import { planChecks, type ThresholdPoint } from './slaPlan';

export interface ThresholdDeps extends NotifyDeps {
  db: Db;
}

const EVENT: Record<SlaThreshold, NotificationEvent> = { warning: 'sla.warning', escalation: 'sla.escalation', breach: 'sla.breach' };

/** Managers are read once per sweep, on first need. */
export function managerDirectory(): (q: Queryable) => Promise<string[]> {
  let cached: Promise<string[]> | undefined;
  return (q) => (cached ??= listActiveUserIdsByRole(q, 'manager'));
}

/** Warning -> the assignee (the managers when nobody is assigned); escalation -> managers; breach -> both. */
export async function recipientsFor(q: Queryable, threshold: SlaThreshold, assignee: string | null, managers: (q: Queryable) => Promise<string[]>): Promise<string[]> {
  if (threshold === 'warning' && assignee) return [assignee];
  const own = threshold === 'breach' && assignee ? [assignee] : [];
  return [...own, ...(await managers(q))];
}

async function fire(tx: Queryable, deps: ThresholdDeps, row: TicketSla, p: ThresholdPoint, now: Date, managers: (q: Queryable) => Promise<string[]>): Promise<boolean> {
  // A target with thresholds always has its due time.
  const dueAt = (p.target === 'response' ? row.firstResponseDueAt : row.dueAt) as Date;
  const eventId = await insertSlaEvent(tx, { ticketId: row.id, target: p.target, threshold: p.threshold, cycle: row.cycle, percent: p.percent, thresholdAt: p.at, dueAt, firedAt: now });
  if (!eventId) return false;
  await markThreshold(tx, row.id, p.target, p.threshold, p.at);
  await appendHistory(tx, {
    ticketId: row.id, actor: SYSTEM_ACTOR, action: `sla_${p.threshold}`, field: p.target, newValue: `${p.percent}%`,
    details: { target: p.target, threshold: p.threshold, percent: p.percent, cycle: row.cycle, thresholdAt: p.at.toISOString(), dueAt: dueAt.toISOString() },
    at: now,
  });
  const [assignee] = await findRecipients(tx, row.assignedTo ? [row.assignedTo] : []);
  await notifyUsers(tx, deps, {
    event: EVENT[p.threshold],
    ticketId: row.id,
    userIds: await recipientsFor(tx, p.threshold, row.assignedTo, managers),
    dedupeKey: `sla:${row.id}:${p.target}:${p.threshold}:${row.cycle}`,
    trigger: `sla.${p.target}.${p.threshold}`,
    slaEventId: eventId,
    template: { ticket: row, target: p.target, percent: p.percent, dueAt, assigneeName: assignee?.name },
  });
  return true;
}

/**
 * Locks the ticket (skipping one another sweep holds), fires every threshold crossed by `now` that has not fired in
 * this cycle, and moves its next check to the earliest threshold still ahead. Returns the thresholds fired now.
 */
export async function fireDueThresholds(
  deps: ThresholdDeps,
  calendar: BusinessCalendar,
  ticketId: string,
  now: Date,
  managers: (q: Queryable) => Promise<string[]> = managerDirectory(),
): Promise<ThresholdPoint[]> {
  return deps.db.transaction(async (tx) => {
    const row = await findTicketSla(tx, ticketId, true);
    // Gone, held by another sweep, or already moved on by it (or by a hook) since the candidate query.
    if (!row || !row.nextCheckAt || row.nextCheckAt > now) return [];
    const plan = planChecks(slaClock(calendar, row.businessHours !== false), row, await listFiredThresholds(tx, row.id, row.cycle), now);
    const fired: ThresholdPoint[] = [];
    for (const p of plan.due) if (await fire(tx, deps, row, p, now, managers)) fired.push(p);
    await setNextCheck(tx, row.id, plan.nextCheckAt);
    return fired;
  });
}
