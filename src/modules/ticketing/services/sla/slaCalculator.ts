// SLA arithmetic (pure): business time added to an instant, business time between instants, percent elapsed with
// pauses, and threshold instants. Minutes may be fractional; the arithmetic runs on whole milliseconds.
import { isContinuous, localDateOf, nextLocalDate, workingSpans, type BusinessCalendar } from './businessCalendar';

const MS_PER_MINUTE = 60_000;
/** A calendar with no working time in ten years is a configuration error, not a reason to loop forever. */
const MAX_DAYS = 3660;

function toMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Business minutes must be a finite number >= 0, got ${minutes}`);
  return Math.round(minutes * MS_PER_MINUTE);
}

/** The instant reached after working `minutes` of business time from `start` (start itself when minutes is 0). */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  let remaining = toMs(minutes);
  const cursor = start.getTime();
  if (remaining === 0) return new Date(cursor);
  if (isContinuous(cal)) return new Date(cursor + remaining);
  let day = localDateOf(cal, cursor);
  for (let i = 0; i < MAX_DAYS; i++, day = nextLocalDate(day)) {
    for (const [s, e] of workingSpans(cal, day)) {
      if (e <= cursor) continue;
      const from = Math.max(s, cursor);
      if (remaining <= e - from) return new Date(from + remaining);
      remaining -= e - from;
    }
  }
  throw new RangeError(`The business calendar has no working time within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/** Business milliseconds in [from, to); 0 when to <= from. */
export function businessMillisBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (isContinuous(cal)) return b - a;
  let total = 0;
  let day = localDateOf(cal, a);
  const last = localDateOf(cal, b);
  // from <= to, so walking one local date at a time from the first reaches the last.
  for (;;) {
    for (const [s, e] of workingSpans(cal, day)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    if (day.y === last.y && day.m === last.m && day.d === last.d) return total;
    day = nextLocalDate(day);
  }
}

export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return businessMillisBetween(cal, from, to) / MS_PER_MINUTE;
}

/** Business minutes from `from` to `to`, negative when `to` is earlier (time overdue). */
export function signedBusinessMinutes(cal: BusinessCalendar, from: Date, to: Date): number {
  return from <= to ? businessMinutesBetween(cal, from, to) : -businessMinutesBetween(cal, to, from);
}

export interface Pause {
  start: Date;
  /** null while the pause is still open (it runs until `now`). */
  end: Date | null;
}

/** Business minutes the clock ran from start to now, minus the business time of pauses inside that window. */
export function elapsedBusinessMinutes(cal: BusinessCalendar, start: Date, now: Date, pauses: readonly Pause[] = []): number {
  let ms = businessMillisBetween(cal, start, now);
  for (const p of pauses) {
    const from = p.start > start ? p.start : start;
    const end = p.end && p.end < now ? p.end : now;
    ms -= businessMillisBetween(cal, from, end);
  }
  return ms / MS_PER_MINUTE;
}

/** Percent of a target used so far (may exceed 100 once overdue). */
export function percentElapsed(
  cal: BusinessCalendar,
  input: { start: Date; targetMinutes: number; now: Date; pauses?: readonly Pause[] },
): number {
  if (!(input.targetMinutes > 0)) throw new RangeError('An SLA target must be longer than 0 minutes');
  return (elapsedBusinessMinutes(cal, input.start, input.now, input.pauses) / input.targetMinutes) * 100;
}

/**
 * The instant a target reaches `percent`: start + (target x percent + business time paused so far), in business
 * time. Future pauses are unknown, so a later pause moves the instant (the caller recomputes it).
 */
export function thresholdInstant(
  cal: BusinessCalendar,
  input: { start: Date; targetMinutes: number; pausedMinutes: number; percent: number },
): Date {
  return addBusinessMinutes(cal, input.start, (input.targetMinutes * input.percent) / 100 + input.pausedMinutes);
}

/** The earliest threshold (of `percents`) still ahead of `now`, or null when all are behind. */
export function nextThresholdInstant(
  cal: BusinessCalendar,
  input: { start: Date; targetMinutes: number; pausedMinutes: number; percents: readonly number[]; now: Date },
): { percent: number; at: Date } | null {
  let best: { percent: number; at: Date } | null = null;
  for (const percent of input.percents) {
    const at = thresholdInstant(cal, { ...input, percent });
    if (at > input.now && (!best || at < best.at)) best = { percent, at };
  }
  return best;
}
