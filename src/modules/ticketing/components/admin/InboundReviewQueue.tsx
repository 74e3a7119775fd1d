// The inbound review queue: events that need a person (unmatched messages, auto-replies, unmappable cases) or that
// failed, with retry and dismiss. Channels link or open tickets from their own panels.
import Link from 'next/link';
import { useState } from 'react';
import { toQuery } from '../../hooks/api';
import { useApi, useMutation } from '../../hooks/useApi';
import { formatDateTime } from '../format';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';

export interface InboundEventView {
  id: string;
  source: string;
  externalId: string;
  eventType: string | null;
  status: string;
  error: string | null;
  attempts: number;
  ticketUid: string | null;
  receivedAt: string;
}

export function InboundReviewQueue({ onChange }: { onChange: () => void }) {
  const [status, setStatus] = useState('review,failed,dead');
  const { data, error, isLoading, mutate } = useApi<InboundEventView[]>(`inbound-events${toQuery({ status, limit: 100 })}`, { refreshInterval: 15_000 });
  const act = useMutation<InboundEventView>();
  const [done, setDone] = useState<string | null>(null);

  async function run(e: InboundEventView, action: 'retry' | 'dismiss') {
    setDone(null);
    if (await act.run('inbound-events', { method: 'POST', body: { id: e.id, action } })) {
      setDone(`${e.source} ${e.externalId}: ${action === 'retry' ? 'queued for another try' : 'dismissed'}.`);
      void mutate();
      onChange();
    }
  }

  return (
    <section className="card p-4" aria-labelledby="review-queue">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="review-queue" className="text-base font-semibold text-slate-900">Inbound review queue</h2>
        <label className="ml-auto text-sm text-slate-700">
          Show{' '}
          <select className="input py-1" value={status} onChange={(ev) => setStatus(ev.target.value)}>
            <option value="review,failed,dead">Needs attention</option>
            <option value="ignored">Ignored</option>
            <option value="received,processing">Waiting</option>
            <option value="processed">Processed</option>
          </select>
        </label>
      </div>
      {done && <div className="mt-2"><Notice tone="success">{done}</Notice></div>}
      {act.error && <div className="mt-2"><Notice tone="error">{act.error.message}</Notice></div>}
      <div className="mt-3">
        {isLoading ? (
          <LoadingState label="Loading inbound events" />
        ) : error ? (
          <ErrorState error={error} onRetry={() => void mutate()} />
        ) : !data?.length ? (
          <EmptyState>Nothing here.</EmptyState>
        ) : (
          <ul className="space-y-2" aria-label="Inbound events">
            {data.map((e) => (
              <li key={e.id} className="rounded-md border border-slate-200 p-2 text-sm" data-testid="inbound-item">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800">{e.status}</span>
                  <span className="text-xs font-semibold">{e.source}</span>
                  <span className="break-all font-mono text-xs">{e.eventType ? `${e.eventType} · ` : ''}{e.externalId}</span>
                  {e.ticketUid && <Link className="font-mono text-xs text-brand-700 hover:underline" href={`/ticketing/tickets/${encodeURIComponent(e.ticketUid)}`}>{e.ticketUid}</Link>}
                  <span className="ml-auto text-xs text-slate-600">{formatDateTime(e.receivedAt)} · attempt {e.attempts}</span>
                </div>
                {e.error && <p className="mt-1 break-words text-xs text-slate-700">{e.error}</p>}
                {e.status !== 'processed' && e.status !== 'received' && e.status !== 'processing' && (
                  <div className="mt-2 flex gap-2">
                    <button type="button" className="btn-secondary py-1" disabled={act.pending} onClick={() => void run(e, 'retry')}>Retry</button>
                    {e.status !== 'ignored' && <button type="button" className="btn-secondary py-1" disabled={act.pending} onClick={() => void run(e, 'dismiss')}>Dismiss</button>}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
