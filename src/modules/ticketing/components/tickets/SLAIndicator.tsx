// The SLA clock of a ticket: time left to resolution, amber from 75 % of the target and red from 90 %.
import type { SlaStateView } from '../../types/tickets';
import { useNow } from '../../hooks/useNow';
import { formatDateTime, formatDuration } from '../format';

export type SlaTone = 'green' | 'amber' | 'red' | 'grey';

/**
 * Pure: the tone for an SLA view. The engine's percentage decides when it is known (warning at 75, red at 90,
 * or the config's own thresholds via its state); otherwise the threshold the engine has recorded.
 */
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

const TONE_CLASS: Record<SlaTone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  amber: 'bg-amber-100 text-amber-900 ring-amber-400',
  red: 'bg-red-100 text-red-800 ring-red-400',
  grey: 'bg-slate-100 text-slate-600 ring-slate-200',
};

/** Pure: the words shown for an SLA view at `now`. */
export function slaText(sla: SlaStateView, now: number): string {
  if (sla.state === 'none' || !sla.dueAt) return 'No SLA';
  if (sla.state === 'met') return 'SLA met';
  if (sla.state === 'paused') return 'SLA paused';
  const left = new Date(sla.dueAt).getTime() - now;
  if (sla.breached || left <= 0) return `Overdue ${formatDuration(left)}`;
  return `${formatDuration(left)} left`;
}

export function SLAIndicator({ sla, detailed = false }: { sla: SlaStateView; detailed?: boolean }) {
  const now = useNow();
  const tone = slaTone(sla);
  const pct = sla.percentElapsed;
  return (
    <span className="inline-flex flex-col gap-1" data-sla-tone={tone} data-sla-state={sla.state}>
      <span
        className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_CLASS[tone]}`}
        title={sla.dueAt ? `Resolution due ${formatDateTime(sla.dueAt)}` : undefined}
      >
        {slaText(sla, now)}
        {pct !== null && sla.state !== 'met' && <span className="ml-1 opacity-75">({Math.round(pct)} %)</span>}
      </span>
      {detailed && (
        <span className="text-xs text-slate-600">
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
