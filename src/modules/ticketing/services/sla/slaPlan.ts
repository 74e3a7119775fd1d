// Which SLA thresholds a ticket has, when each falls due, and when the sweep must look at it next (pure).
import { OPEN_STATUSES } from '../../types/enums';
import type { SlaTarget, SlaTargetSeconds, SlaThreshold, SlaThresholdPcts } from '../../types/sla';
import type { BusinessCalendar } from './businessCalendar';
import { addBusinessMinutes, thresholdInstant } from './slaCalculator';

/** What the plan needs to know about a ticket (a subset of the stored SLA state). */
export interface SlaSnapshot extends SlaTargetSeconds, SlaThresholdPcts {
  status: string;
  deleted: boolean;
  paused: boolean;
  createdAt: Date;
  /** Business seconds of closed pauses. */
  pausedSeconds: number;
  firstRespondedAt: Date | null;
}

export interface ThresholdPoint {
  target: SlaTarget;
  threshold: SlaThreshold;
  percent: number;
  at: Date;
}

export const pointKey = (p: { target: string; threshold: string }): string => `${p.target}:${p.threshold}`;

/** The clock runs while the ticket is open and not blocked. */
export function clockRunning(s: Pick<SlaSnapshot, 'status' | 'deleted' | 'paused'>): boolean {
  return !s.deleted && !s.paused && s.status !== 'blocked' && (OPEN_STATUSES as readonly string[]).includes(s.status);
}

/** Due instant of a target: created + target + paused, in business time. */
/**
 * Whether a pause moves a due time: only when it starts before that time. Once a target has passed, blocking the
 * ticket cannot un-breach it; a pause before the due time moves it by the pause, as the rules say.
 */
export function pauseMovesDue(pauseStartedAt: Date, dueAt: Date | null): boolean {
  return dueAt === null || pauseStartedAt < dueAt;
}

export function dueInstant(clock: BusinessCalendar, createdAt: Date, targetSeconds: number, pausedSeconds: number): Date {
  return addBusinessMinutes(clock, createdAt, (targetSeconds + pausedSeconds) / 60);
}

/** Every threshold of the targets still being measured (first response only until it happens). */
export function thresholdPoints(clock: BusinessCalendar, s: SlaSnapshot): ThresholdPoint[] {
  const out: ThresholdPoint[] = [];
  const add = (target: SlaTarget, seconds: number, warning: number, escalation: number) => {
    const levels: [SlaThreshold, number][] = [['warning', warning], ['escalation', escalation], ['breach', 100]];
    for (const [threshold, percent] of levels) {
      const at = thresholdInstant(clock, { start: s.createdAt, targetMinutes: seconds / 60, pausedMinutes: s.pausedSeconds / 60, percent });
      out.push({ target, threshold, percent, at });
    }
  };
  if (s.responseSeconds && !s.firstRespondedAt) add('response', s.responseSeconds, s.responseWarningPct, s.responseEscalationPct);
  if (s.resolutionSeconds) add('resolution', s.resolutionSeconds, s.warningPct, s.escalationPct);
  return out;
}

export interface CheckPlan {
  /** Thresholds crossed at `now` and not fired yet in this cycle, earliest first. */
  due: ThresholdPoint[];
  /** When to look again: the earliest threshold still pending after `due` fires; null when none or the clock stands. */
  nextCheckAt: Date | null;
}

export function planChecks(clock: BusinessCalendar, s: SlaSnapshot, fired: ReadonlySet<string>, now: Date): CheckPlan {
  if (!clockRunning(s)) return { due: [], nextCheckAt: null };
  const pending = thresholdPoints(clock, s)
    .filter((p) => !fired.has(pointKey(p)))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const due = pending.filter((p) => p.at <= now);
  const later = pending.find((p) => p.at > now);
  return { due, nextCheckAt: later?.at ?? null };
}

/** For hooks: the next check is the earliest unfired threshold, even one already behind (the sweep fires it). */
export function nextCheckAt(clock: BusinessCalendar, s: SlaSnapshot, fired: ReadonlySet<string>): Date | null {
  if (!clockRunning(s)) return null;
  let best: Date | null = null;
  for (const p of thresholdPoints(clock, s)) if (!fired.has(pointKey(p)) && (!best || p.at < best)) best = p.at;
  return best;
}
