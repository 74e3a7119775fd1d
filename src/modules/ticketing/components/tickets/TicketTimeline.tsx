// The ticket's story in one list: history events and notes by time (WhatsApp and email messages will join it).
import type { Note, TicketHistory } from '../../hooks/types';
import { formatDateTime } from '../format';
import { ErrorState, LoadingState } from '../ui/States';
import { LongText } from '../ui/LongText';
import { buildTimeline, type TimelineItem } from './timelineModel';

const DOT: Record<string, string> = { status: 'bg-brand-500', pause: 'bg-orange-500', plain: 'bg-slate-400', note: 'bg-emerald-500' };

function Entry({ item }: { item: TimelineItem }) {
  const dot = item.kind === 'note' ? DOT.note : DOT[item.tone ?? 'plain'];
  return (
    <li className="relative min-w-0 pb-4 pl-6" data-testid="timeline-item">
      <span aria-hidden="true" className={`absolute left-0 top-1.5 h-2.5 w-2.5 rounded-full ${dot}`} />
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-600">
        <span className="font-medium text-slate-700">{item.actor}</span>
        <time dateTime={item.at}>{formatDateTime(item.at)}</time>
        {item.kind === 'note' && (
          <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${item.note.noteType === 'internal' ? 'bg-slate-100 text-slate-800' : item.note.noteType === 'external' ? 'bg-amber-100 text-amber-950' : 'bg-emerald-50 text-emerald-900'}`}>
            {item.note.noteType === 'internal' ? 'Internal note' : item.note.noteType === 'external' ? 'External note' : 'System note'}
            {item.note.channel && item.note.channel !== 'web' ? ` · ${item.note.channel}` : ''}
          </span>
        )}
      </div>
      {item.kind === 'note' ? (
        <LongText text={item.note.body} className={`mt-1 rounded-md p-2 text-sm text-slate-800 ${item.note.noteType === 'external' ? 'bg-amber-50' : 'bg-slate-50'}`} />
      ) : (
        <>
          <p className="mt-0.5 text-sm text-slate-800 [overflow-wrap:anywhere]">{item.text}</p>
          {item.detail && <p className="text-xs text-slate-700 [overflow-wrap:anywhere]">{item.detail}</p>}
        </>
      )}
    </li>
  );
}

interface TicketTimelineProps {
  history?: TicketHistory;
  notes?: Note[];
  loading: boolean;
  error?: unknown;
  userNames?: Map<string, string>;
}

export function TicketTimeline({ history, notes, loading, error, userNames }: TicketTimelineProps) {
  const items = buildTimeline(history, notes, userNames);
  return (
    <section className="card min-w-0 p-4" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="mb-3 text-sm font-semibold text-slate-700">
        Timeline
      </h2>
      {loading ? (
        <LoadingState label="Loading timeline" />
      ) : error ? (
        <ErrorState error={error} />
      ) : (
        <ol className="border-l border-slate-200 pl-0" aria-label="Ticket timeline">
          {items.map((i) => (
            <Entry key={i.id} item={i} />
          ))}
        </ol>
      )}
    </section>
  );
}
