// SLA's reaction to ticket lifecycle events (targets on create, pause on blocked, first response on notes).
import type { Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { closePause, findOpenPause, openPause } from '../../db/slaPauseRepo';
import { findTicketSla, listFiredThresholds, writeSlaClock, type SlaClockWrite, type TicketSla } from '../../db/slaRepo';
import { PAUSE_REASONS, type PauseReason } from '../../types/enums';
import type { Actor, ServiceContext } from '../context';
import type { NoteEvent, StatusChangeEvent, TicketLifecycleHook } from '../lifecycle';
import { slaClock } from './businessCalendar';
import { loadBusinessCalendar } from './calendarService';
import { businessMillisBetween } from './slaCalculator';
import { dueInstant, nextCheckAt, pauseMovesDue } from './slaPlan';
import { applyTargets } from './slaTargets';

/** Fields whose change can change the targets: type and priority pick the config, the organisation the contract. */
const TARGET_FIELDS = ['priority', 'ticketType', 'projectId', 'clientId', 'drNumber', 'dropId'];
const OUTBOUND_CHANNELS = ['whatsapp', 'email'];
const FINISHED = ['resolved', 'closed'];

/** A person of ours writing to the customer: an external note, or a message out through WhatsApp or email. */
export function isFirstResponse(actor: Actor, e: Pick<NoteEvent, 'noteType' | 'channel' | 'direction'>): boolean {
  if (e.direction === 'inbound') return false;
  return actor.id !== null && e.noteType !== 'system' && (e.noteType === 'external' || OUTBOUND_CHANNELS.includes(e.channel ?? ''));
}

function clockState(row: TicketSla): SlaClockWrite {
  return {
    paused: row.paused, pausedAt: row.pausedAt, pausedSeconds: row.pausedSeconds, firstResponseDueAt: row.firstResponseDueAt,
    firstRespondedAt: row.firstRespondedAt, dueAt: row.dueAt, nextCheckAt: row.nextCheckAt, breachedAt: row.breachedAt,
    firstResponseBreachedAt: row.firstResponseBreachedAt,
  };
}

/** Writes the clock with its next check recomputed for the ticket's new state. */
async function saveClock(tx: Queryable, row: TicketSla, w: SlaClockWrite, status: string, clock: Parameters<typeof nextCheckAt>[0]): Promise<void> {
  const snapshot = { ...row, status, paused: w.paused, pausedSeconds: w.pausedSeconds, firstRespondedAt: w.firstRespondedAt };
  w.nextCheckAt = row.source ? nextCheckAt(clock, snapshot, await listFiredThresholds(tx, row.id, row.cycle)) : null;
  await writeSlaClock(tx, row.id, w);
}

async function onStatusChanged(tx: Queryable, ctx: ServiceContext, ticket: { id: string }, event: StatusChangeEvent): Promise<void> {
  const row = await findTicketSla(tx, ticket.id);
  if (!row) return;
  const now = ctx.clock.now();
  const clock = slaClock(await loadBusinessCalendar(tx), row.businessHours !== false);
  const w = clockState(row);
  if (event.to === 'blocked' && event.from !== 'blocked') {
    const reason: PauseReason = (PAUSE_REASONS as readonly string[]).includes(event.pauseReason ?? '') ? (event.pauseReason as PauseReason) : 'other';
    // A pause already open (one per ticket) keeps running from its own start.
    if (await openPause(tx, { ticketId: row.id, reason, note: event.reason ?? null, startedAt: now, createdBy: ctx.user.id })) {
      Object.assign(w, { paused: true, pausedAt: now });
      await appendHistory(tx, { ticketId: row.id, actor: ctx.user, action: 'sla_paused', field: 'sla_paused', oldValue: false, newValue: true, details: { reason, note: event.reason ?? null }, at: now });
    }
  } else if (event.from === 'blocked' && event.to !== 'blocked') {
    const pause = await findOpenPause(tx, row.id);
    if (pause) {
      const started = new Date(pause.startedAt);
      const ms = businessMillisBetween(clock, started, now);
      // The pause is recorded in full for reports; it moves only the targets that had not passed when it began.
      await closePause(tx, pause.id, now, Math.round(ms / 60_000));
      if (pauseMovesDue(started, row.dueAt)) {
        w.pausedSeconds += Math.round(ms / 1000);
        if (row.resolutionSeconds) w.dueAt = dueInstant(clock, row.createdAt, row.resolutionSeconds, w.pausedSeconds);
        if (row.responseSeconds && !row.firstRespondedAt && pauseMovesDue(started, row.firstResponseDueAt)) {
          w.firstResponseDueAt = dueInstant(clock, row.createdAt, row.responseSeconds, w.pausedSeconds);
        }
      }
      await appendHistory(tx, {
        ticketId: row.id, actor: ctx.user, action: 'sla_resumed', field: 'due_at', oldValue: row.dueAt, newValue: w.dueAt,
        details: { reason: pause.reason, pausedBusinessMinutes: Math.round(ms / 60_000), firstResponseDueAt: w.firstResponseDueAt },
        at: now,
      });
    }
    Object.assign(w, { paused: false, pausedAt: null });
  }
  // Finished late before the sweep noticed: the breach is still a fact (stamped at the due time, no notification).
  if (FINISHED.includes(event.to) && !FINISHED.includes(event.from) && w.dueAt && now > w.dueAt && !w.breachedAt) w.breachedAt = w.dueAt;
  await saveClock(tx, row, w, event.to, clock);
}

async function onNoteAdded(tx: Queryable, ctx: ServiceContext, ticket: { id: string }, event: NoteEvent): Promise<void> {
  if (!isFirstResponse(ctx.user, event)) return;
  const row = await findTicketSla(tx, ticket.id);
  if (!row || row.firstRespondedAt) return;
  const at = event.createdAt;
  const clock = slaClock(await loadBusinessCalendar(tx), row.businessHours !== false);
  const w = clockState(row);
  w.firstRespondedAt = at;
  // Answered while blocked: the blocked time up to the answer did not count against the response target.
  if (row.paused && row.responseSeconds) {
    const extra = Math.round(businessMillisBetween(clock, row.pausedAt as Date, at) / 1000);
    w.firstResponseDueAt = dueInstant(clock, row.createdAt, row.responseSeconds, row.pausedSeconds + extra);
  }
  const met = !w.firstResponseDueAt || at <= w.firstResponseDueAt;
  // Answered late before the sweep noticed: the breach is still a fact (stamped at the due time, no notification).
  if (!met) {
    w.firstResponseBreachedAt ??= w.firstResponseDueAt;
    w.breachedAt ??= w.firstResponseDueAt;
  }
  await appendHistory(tx, {
    ticketId: row.id, actor: ctx.user, action: 'sla_first_response', field: 'first_responded_at', oldValue: null, newValue: at,
    details: { firstResponseDueAt: w.firstResponseDueAt, met }, at: ctx.clock.now(),
  });
  await saveClock(tx, row, w, row.status, clock);
}

export const slaHooks: TicketLifecycleHook = {
  name: 'sla',
  onCreated: (tx, ctx, ticket) => applyTargets(tx, ctx, ticket.id, 'create'),
  onUpdated: async (tx, ctx, _before, after, changed) => {
    if (changed.some((f) => TARGET_FIELDS.includes(f))) await applyTargets(tx, ctx, after.id, 'recompute', changed);
  },
  onStatusChanged,
  onNoteAdded,
};
