// The QContact card's own panel on the integration page: the last sync and its figures, the next run, unknown
// status labels, dead write-backs with retry, and "Sync now" for admins.
import Link from 'next/link';
import { useState } from 'react';
import { useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { formatDateTime } from '../format';
import { Notice } from '../ui/States';
import type { ChannelStatusView } from './IntegrationCard';
import type { SyncRun } from '../../jobs/qcontactSync';

interface QcontactDetails {
  lastRun: SyncRun | null;
  lastSuccessAt: string | null;
  nextRunAt: string | null;
  syncMinutes: number;
  linkedCases: number;
  unknownStatuses: { label: string; cases: number }[];
  deadWrites: { id: string; kind: string; ticketUid: string | null; lastError: string | null; updatedAt: string }[];
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-1">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-sm font-semibold text-slate-900">{value}</dd>
    </div>
  );
}

export function QcontactPanel({ status, onChange }: { status: ChannelStatusView; onChange: () => void }) {
  const d = status.details as unknown as QcontactDetails;
  const { can } = useMe();
  const sync = useMutation<SyncRun>();
  const retry = useMutation<unknown>();
  const [done, setDone] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const run = d.lastRun;

  async function syncNow() {
    setDone(null);
    const r = await sync.run('qcontact-sync', { method: 'POST', body: {} });
    if (r) {
      setDone(r.ok
        ? { tone: 'success', text: `Sync finished: ${r.seen} cases seen, ${r.created} created, ${r.updated} updated, ${r.failed} failed.` }
        : { tone: 'error', text: `Sync failed: ${r.error ?? 'no detail'}` });
      onChange();
    }
  }

  async function retryWrite(w: QcontactDetails['deadWrites'][number]) {
    if (!w.ticketUid) return;
    if (await retry.run(`tickets-qcontact?id=${encodeURIComponent(w.ticketUid)}`, { method: 'POST', body: { outboxId: w.id } })) {
      setDone({ tone: 'success', text: `${w.ticketUid}: write queued for another try.` });
      onChange();
    }
  }

  return (
    <div className="mt-3 space-y-3 border-t border-slate-200 pt-3" data-testid="qcontact-panel">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>Last successful sync: <strong>{d.lastSuccessAt ? formatDateTime(d.lastSuccessAt) : 'never'}</strong></span>
        <span className="text-slate-600">· next run {d.nextRunAt ? formatDateTime(d.nextRunAt) : '—'} (every {d.syncMinutes} min)</span>
        <span className="ml-auto flex gap-2">
          {can('integrations:manage') && (
            <Link className="btn-secondary py-1" href="/ticketing/admin/qcontact">Mappings</Link>
          )}
          {can('integrations:manage') && status.configured && (
            <button type="button" className="btn-primary py-1" disabled={sync.pending} onClick={() => void syncNow()}>
              {sync.pending ? 'Syncing…' : 'Sync now'}
            </button>
          )}
        </span>
      </div>
      {done && <Notice tone={done.tone}>{done.text}</Notice>}
      {sync.error && <Notice tone="error">{sync.error.message}</Notice>}
      {retry.error && <Notice tone="error">{retry.error.message}</Notice>}
      {run && (
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8" aria-label="Last sync">
          <Stat label="Last run" value={run.ok ? 'OK' : 'Failed'} />
          <Stat label="Cases seen" value={run.seen} />
          <Stat label="Created" value={run.created} />
          <Stat label="Updated" value={run.updated} />
          <Stat label="Unchanged" value={run.unchanged} />
          <Stat label="Failed" value={run.failed} />
          <Stat label="To review" value={run.review} />
          <Stat label="Linked cases" value={d.linkedCases} />
        </dl>
      )}
      {run && !run.ok && <Notice tone="error">Last run ({formatDateTime(run.startedAt)}) failed: {run.error}</Notice>}
      {d.unknownStatuses.length > 0 && (
        <Notice tone="error">
          Unknown QContact status labels (their tickets were opened as new): {d.unknownStatuses.map((u) => `"${u.label}" (${u.cases})`).join(', ')}. Add them to the status table.
        </Notice>
      )}
      {d.deadWrites.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">Write-backs that gave up</h3>
          <ul className="mt-1 space-y-1">
            {d.deadWrites.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center gap-2 text-xs" data-testid="qcontact-dead-write">
                <span className="font-mono">{w.ticketUid ?? '—'}</span>
                <span>{w.kind}</span>
                <span className="text-red-700">{w.lastError ?? 'no detail'}</span>
                <button type="button" className="btn-secondary ml-auto py-0.5" disabled={retry.pending || !w.ticketUid} onClick={() => void retryWrite(w)}>Retry</button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
