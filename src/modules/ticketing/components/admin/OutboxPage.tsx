// The outbox (admin): every outbound call by status, with its attempts and last error; failed or dead ones can be retried.
import Link from 'next/link';
import { useState } from 'react';
import { OUTBOX_STATUSES } from '../../types/enums';
import type { OutboxEntry } from '../../hooks/types';
import { toQuery } from '../../hooks/api';
import { useApi, useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { formatDateTime } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';

const TONE: Record<string, string> = {
  pending: 'bg-sky-50 text-sky-800', processing: 'bg-indigo-50 text-indigo-800', sent: 'bg-emerald-50 text-emerald-800',
  failed: 'bg-amber-100 text-amber-900', dead: 'bg-red-100 text-red-800',
};

export function OutboxPage() {
  const { can } = useMe();
  const [status, setStatus] = useState<string>('');
  const { data, meta, error, isLoading, mutate } = useApi<OutboxEntry[]>(`outbox${toQuery({ status, limit: 100 })}`, { refreshInterval: 15_000 });
  const retry = useMutation<OutboxEntry>();
  const [done, setDone] = useState<string | null>(null);
  const counts = (meta?.counts ?? {}) as Record<string, number>;

  async function again(e: OutboxEntry) {
    setDone(null);
    if (await retry.run('outbox', { method: 'POST', body: { id: e.id } })) {
      setDone(`${e.kind}${e.ticketUid ? ` for ${e.ticketUid}` : ''} queued for another try.`);
      void mutate();
    }
  }

  return (
    <div>
      <PageHeader title="Outbox" description="Every call to WhatsApp, email, QContact and invoicing goes through here, retried with backoff until it succeeds or is dead." />
      <div role="tablist" aria-label="Outbox status" className="mb-4 flex flex-wrap gap-2">
        {['', ...OUTBOX_STATUSES].map((s) => (
          <button key={s || 'all'} type="button" role="tab" aria-selected={status === s} onClick={() => setStatus(s)} className={status === s ? 'btn-primary py-1' : 'btn-secondary py-1'}>
            {s ? `${s[0].toUpperCase()}${s.slice(1)}` : 'All'}
            {s && <span className="ml-1 rounded-full bg-white/30 px-1.5 text-xs">{counts[s] ?? 0}</span>}
          </button>
        ))}
      </div>
      {done && <div className="mb-3"><Notice tone="success">{done}</Notice></div>}
      {retry.error && <div className="mb-3"><Notice tone="error">{retry.error.message}</Notice></div>}
      {isLoading ? (
        <LoadingState label="Loading the outbox" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>Nothing {status ? `${status} ` : ''}in the outbox.</EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Outbox items">
          {data.map((e) => (
            <li key={e.id} className="card p-3 text-sm" data-testid="outbox-item">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[e.status]}`}>{e.status}</span>
                <span className="font-mono text-xs">{e.kind}</span>
                {e.ticketUid && (
                  <Link className="font-mono text-xs text-brand-700 hover:underline" href={`/ticketing/tickets/${encodeURIComponent(e.ticketUid)}`}>
                    {e.ticketUid}
                  </Link>
                )}
                <span className="ml-auto text-xs text-slate-500">
                  attempt {e.attempts}/{e.maxAttempts} · created {formatDateTime(e.createdAt)}
                  {e.status === 'sent' ? ` · sent ${formatDateTime(e.sentAt)}` : e.status !== 'dead' ? ` · next ${formatDateTime(e.nextAttemptAt)}` : ''}
                </span>
              </div>
              {e.lastError && <p className="mt-1 break-words text-xs text-red-700">Last error: {e.lastError}</p>}
              {can('outbox:manage') && (e.status === 'failed' || e.status === 'dead') && (
                <button type="button" className="btn-secondary mt-2 py-1" disabled={retry.pending} onClick={() => void again(e)}>
                  Retry now
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
