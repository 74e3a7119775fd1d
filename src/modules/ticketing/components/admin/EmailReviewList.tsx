// Mail the intake set aside (automatic, bounces, unparseable, ignored), with "open as ticket" and "link to ticket".
import { useState } from 'react';
import { toQuery } from '../../hooks/api';
import { useApi, useMutation } from '../../hooks/useApi';
import { formatDateTime } from '../format';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';
import type { InboundEventView } from './InboundReviewQueue';

function EmailItem({ e, onDone }: { e: InboundEventView; onDone: (msg: string) => void }) {
  const act = useMutation<InboundEventView>();
  const [ticket, setTicket] = useState('');
  async function run(body: Record<string, string>) {
    const r = await act.run('email-review', { method: 'POST', body: { id: e.id, ...body } });
    if (r) onDone(`${e.externalId}: ${body.action === 'open' ? 'opened' : 'linked'} as ${r.ticketUid ?? 'a ticket'}.`);
  }
  return (
    <li className="rounded-md border border-slate-200 p-2 text-sm" data-testid="email-review-item">
      <div className="flex flex-wrap items-center gap-2">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800">{e.status}</span>
        <span className="break-all font-mono text-xs">{e.externalId}</span>
        <span className="ml-auto text-xs text-slate-600">{formatDateTime(e.receivedAt)}</span>
      </div>
      {e.error && <p className="mt-1 break-words text-xs text-slate-700">{e.error}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary py-1" disabled={act.pending} onClick={() => void run({ action: 'open' })}>Open as ticket</button>
        <label className="text-xs text-slate-700">
          <span className="sr-only">Ticket to link {e.externalId} to</span>
          <input className="input py-1" placeholder="EML-000001" value={ticket} onChange={(ev) => setTicket(ev.target.value)} />
        </label>
        <button type="button" className="btn-secondary py-1" disabled={act.pending || !ticket.trim()} onClick={() => void run({ action: 'link', ticket: ticket.trim() })}>Link to ticket</button>
      </div>
      {act.error && <div className="mt-1"><Notice tone="error">{act.error.message}</Notice></div>}
    </li>
  );
}

export function EmailReviewList({ onChange }: { onChange: () => void }) {
  const { data, error, isLoading, mutate } = useApi<InboundEventView[]>(`inbound-events${toQuery({ source: 'email', status: 'review,ignored,failed,dead', limit: 50 })}`);
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold text-slate-800">Mail set aside</h3>
      {done && <div className="mt-1"><Notice tone="success">{done}</Notice></div>}
      <div className="mt-2">
        {isLoading ? <LoadingState label="Loading mail" /> : error ? <ErrorState error={error} onRetry={() => void mutate()} /> : !data?.length ? <EmptyState>No mail waiting.</EmptyState> : (
          <ul className="space-y-2" aria-label="Mail set aside">
            {data.map((e) => (
              <EmailItem key={e.id} e={e} onDone={(m) => { setDone(m); void mutate(); onChange(); }} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
