// The SLA badge of a ticket: which clock it shows (first response or resolution), time left or how late, and the
// outcome on a finished ticket ("Resolution met", "Resolution breached by 2 h"); amber from 75 %, red from 90 %.
import type { SlaStateView } from '../../types/tickets';
import { useNow } from '../../hooks/useNow';
import { formatDateTime, formatDuration } from '../format';

export type SlaTone = 'green' | 'amber' | 'red' | 'grey';

/** Pure: the tone for a percentage of a running clock, or the state the engine recorded when none is known. */
export function slaTone(sla: SlaStateView, warnPct = 75, escalatePct = 90): SlaTone {
  if (sla.state === 'none' || sla.state === 'met') return 'grey';
  if (sla.breached || sla.state === 'breached') return 'red';
  if (sla.state === 'paused') return 'grey';
  const pct = sla.percentElapsed;
  if (pct !== null && pct >= escalatePct) return 'red';
  if (pct !== null && pct >= warnPct) return 'amber';
  if (sla.state === 'escalated') return 'red';
  if (sla.state === 'warning') return 'amber';
  return 'green';
}

function toneOf(pct: number | null): SlaTone {
  if (pct === null) return 'green';
  return pct >= 90 ? 'red' : pct >= 75 ? 'amber' : 'green';
}

export interface SlaBadge {
  clock: 'response' | 'resolution' | null;
  text: string;
  tone: SlaTone;
  /** Percent of the shown clock used, for a running clock only. */
  percent: number | null;
}

/**
 * Pure: what the badge says at `now`. `finishedAt` is when the ticket was resolved or closed (null while it runs):
 * a finished ticket shows the outcome, never a running clock. While the first response is owed, that clock shows;
 * after it, the resolution clock.
 */
export function slaBadge(sla: SlaStateView, now: number, finishedAt: string | null = null): SlaBadge {
  if (sla.state === 'none' || !sla.dueAt) return { clock: null, text: 'No SLA', tone: 'grey', percent: null };
  const responseLate = Boolean(sla.firstResponseDueAt && sla.firstRespondedAt && sla.firstRespondedAt > sla.firstResponseDueAt);
  if (finishedAt || sla.state === 'met') {
    // Without the finish time, the engine's "met" stands.
    const late = finishedAt ? Date.parse(finishedAt) - Date.parse(sla.dueAt) : 0;
    const note = responseLate ? ' (response late)' : '';
    if (late > 0) return { clock: 'resolution', text: `Resolution breached by ${formatDuration(late)}${note}`, tone: 'red', percent: null };
    return { clock: 'resolution', text: `Resolution met${note}`, tone: 'grey', percent: null };
  }
  if (sla.state === 'paused') return { clock: 'resolution', text: 'SLA paused', tone: 'grey', percent: null };
  if (sla.firstResponseDueAt && !sla.firstRespondedAt) {
    const left = Date.parse(sla.firstResponseDueAt) - now;
    if (left <= 0) return { clock: 'response', text: `Response overdue by ${formatDuration(left)}`, tone: 'red', percent: null };
    return { clock: 'response', text: `Response due in ${formatDuration(left)}`, tone: toneOf(sla.responsePercentElapsed), percent: sla.responsePercentElapsed };
  }
  const left = Date.parse(sla.dueAt) - now;
  if (left <= 0) return { clock: 'resolution', text: `Resolution overdue by ${formatDuration(left)}`, tone: 'red', percent: null };
  return { clock: 'resolution', text: `Resolution: ${formatDuration(left)} left`, tone: toneOf(sla.percentElapsed), percent: sla.percentElapsed };
}

/** Pure: the words alone (lists, exports). */
export function slaText(sla: SlaStateView, now: number, finishedAt: string | null = null): string {
  return slaBadge(sla, now, finishedAt).text;
}

// Full-strength text on every tone (AA contrast); the percentage is not faded.
const TONE_CLASS: Record<SlaTone, string> = {
  green: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  amber: 'bg-amber-100 text-amber-950 ring-amber-500',
  red: 'bg-red-100 text-red-900 ring-red-500',
  grey: 'bg-slate-100 text-slate-800 ring-slate-300',
};

interface SLAIndicatorProps {
  sla: SlaStateView;
  /** resolvedAt ?? closedAt of the ticket: a finished ticket shows its outcome. */
  finishedAt?: string | null;
  detailed?: boolean;
  /** Narrow table cells: the words may wrap onto two lines. */
  compact?: boolean;
}

export function SLAIndicator({ sla, finishedAt = null, detailed = false, compact = false }: SLAIndicatorProps) {
  const now = useNow();
  const b = slaBadge(sla, now, finishedAt);
  const due = b.clock === 'response' ? sla.firstResponseDueAt : sla.dueAt;
  return (
    <span className="inline-flex flex-col gap-1" data-sla-tone={b.tone} data-sla-state={sla.state} data-sla-clock={b.clock ?? 'none'}>
      <span
        className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${compact ? 'max-w-[11rem] flex-wrap rounded-lg' : 'whitespace-nowrap'} ${TONE_CLASS[b.tone]}`}
        title={due ? `${b.clock === 'response' ? 'First response' : 'Resolution'} due ${formatDateTime(due)}` : undefined}
      >
        {b.text}
        {b.percent !== null && <span className="ml-1">({Math.round(b.percent)} %)</span>}
      </span>
      {detailed && (
        <span className="text-xs text-slate-700">
          {sla.firstResponseDueAt && (
            <>
              Response {sla.firstRespondedAt ? `given ${formatDateTime(sla.firstRespondedAt)}` : `due ${formatDateTime(sla.firstResponseDueAt)}`}
              <br />
            </>
          )}
          {sla.dueAt && <>Resolution due {formatDateTime(sla.dueAt)}</>}
        </span>
      )}
    </span>
  );
}
