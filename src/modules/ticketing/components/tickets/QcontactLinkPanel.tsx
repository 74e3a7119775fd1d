// The QContact link of a ticket: the case, its status there, when it was last synced, pending write-backs and
// failures with retry.
import { useApi, useMutation } from '../../hooks/useApi';
import { formatDateTime } from '../format';
import { Notice } from '../ui/States';

interface WriteView {
  id: string;
  kind: string;
  status: string;
  lastError: string | null;
  updatedAt: string;
}

interface QcontactStateView {
  linked: boolean;
  pending: number;
  link: { caseId: string; statusLabel: string | null; unknownStatus: boolean; subcategory: string | null; ontSerial: string | null; lastSyncedAt: string } | null;
  writes: WriteView[];
}

const KIND_LABEL: Record<string, string> = { 'qcontact.status': 'Status', 'qcontact.note': 'Note' };

export function QcontactLinkPanel({ ticketUid, canRetry }: { ticketUid: string; canRetry: boolean }) {
  const route = `tickets-qcontact?id=${encodeURIComponent(ticketUid)}`;
  const { data, mutate } = useApi<QcontactStateView>(route, { refreshInterval: 10_000 });
  const retry = useMutation<unknown>();
  if (!data?.link) return <p className="text-sm text-slate-600">Not linked to a QContact case yet.</p>;
  const l = data.link;
  const failures = data.writes.filter((w) => w.status === 'failed' || w.status === 'dead');
  return (
    <div className="space-y-2 text-sm" data-testid="qcontact-link">
      <dl className="space-y-1">
        <div><dt className="inline text-slate-500">Case: </dt><dd className="inline font-mono">{l.caseId}</dd></div>
        <div>
          <dt className="inline text-slate-500">QContact status: </dt>
          <dd className="inline">{l.statusLabel ?? '—'}{l.unknownStatus && <span className="ml-1 text-xs text-red-700">(not in the status table)</span>}</dd>
        </div>
        {l.subcategory && <div><dt className="inline text-slate-500">Subcategory: </dt><dd className="inline">{l.subcategory}</dd></div>}
        {l.ontSerial && <div><dt className="inline text-slate-500">ONT serial: </dt><dd className="inline font-mono">{l.ontSerial}</dd></div>}
        <div><dt className="inline text-slate-500">Last synced: </dt><dd className="inline">{formatDateTime(l.lastSyncedAt)}</dd></div>
        <div><dt className="inline text-slate-500">Pending writes: </dt><dd className="inline" data-testid="qcontact-pending">{data.pending}</dd></div>
      </dl>
      {retry.error && <Notice tone="error">{retry.error.message}</Notice>}
      {failures.length > 0 && (
        <ul className="space-y-1" aria-label="QContact write failures">
          {failures.map((w) => (
            <li key={w.id} className="rounded-md border border-red-200 bg-red-50 p-2 text-xs">
              <div className="flex items-center gap-2">
                <span className="font-semibold">{KIND_LABEL[w.kind] ?? w.kind} {w.status === 'dead' ? 'gave up' : 'will retry'}</span>
                {canRetry && w.status === 'dead' && (
                  <button type="button" className="btn-secondary ml-auto py-0.5" disabled={retry.pending} onClick={() => void retry.run(route, { method: 'POST', body: { outboxId: w.id } }).then(() => mutate())}>
                    Retry
                  </button>
                )}
              </div>
              <p className="mt-1 break-words text-red-800">{w.lastError ?? 'no detail'}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
