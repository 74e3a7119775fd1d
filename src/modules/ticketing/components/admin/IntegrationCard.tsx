// One channel on the integration page: configured or not, last event, backlog, review, outbound states, recent failures.
import { formatDateTime } from '../format';

export interface ChannelStatusView {
  key: string;
  label: string;
  configured: boolean;
  settings: string[];
  inbound: { lastReceivedAt: string | null; lastProcessedAt: string | null; backlog: number; review: number; failed: number; dead: number; processed: number; ignored: number };
  outbound: Record<'pending' | 'processing' | 'sent' | 'failed' | 'dead', number>;
  recentFailures: {
    inbound: { id: string; externalId: string; error: string | null; receivedAt: string; status: string }[];
    outbox: { id: string; kind: string; lastError: string | null; updatedAt: string; status: string; ticketUid: string | null }[];
  };
  details: Record<string, unknown>;
}

function Figure({ label, value, warn }: { label: string; value: number | string; warn?: boolean }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-1">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-sm font-semibold ${warn ? 'text-red-700' : 'text-slate-900'}`}>{value}</dd>
    </div>
  );
}

export function IntegrationCard({ status, children }: { status: ChannelStatusView; children?: React.ReactNode }) {
  const s = status;
  const failures = [
    ...s.recentFailures.inbound.map((f) => ({ id: f.id, when: f.receivedAt, what: `in ${f.externalId}`, error: f.error, status: f.status })),
    ...s.recentFailures.outbox.map((f) => ({ id: f.id, when: f.updatedAt, what: `${f.kind}${f.ticketUid ? ` ${f.ticketUid}` : ''}`, error: f.lastError, status: f.status })),
  ];
  return (
    <section className="card p-4" aria-labelledby={`ch-${s.key}`} data-testid={`integration-${s.key}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`ch-${s.key}`} className="text-base font-semibold text-slate-900">{s.label}</h2>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${s.configured ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-200 text-slate-800'}`}>
          {s.configured ? 'Configured' : 'Not configured'}
        </span>
        <span className="ml-auto text-xs text-slate-600">Last event: {s.inbound.lastReceivedAt ? formatDateTime(s.inbound.lastReceivedAt) : 'none yet'}</span>
      </div>
      {!s.configured && <p className="mt-1 text-xs text-slate-600">Set {s.settings.join(', ')} to turn it on.</p>}
      <dl className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
        <Figure label="Inbound backlog" value={s.inbound.backlog} />
        <Figure label="Needs review" value={s.inbound.review} warn={s.inbound.review > 0} />
        <Figure label="Inbound dead" value={s.inbound.dead} warn={s.inbound.dead > 0} />
        <Figure label="Outbound pending" value={s.outbound.pending + s.outbound.processing + s.outbound.failed} />
        <Figure label="Outbound sent" value={s.outbound.sent} />
        <Figure label="Outbound dead" value={s.outbound.dead} warn={s.outbound.dead > 0} />
      </dl>
      {failures.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-slate-800">Recent failures ({failures.length})</summary>
          <ul className="mt-2 space-y-1">
            {failures.map((f) => (
              <li key={f.id} className="break-words text-xs text-slate-700">
                {formatDateTime(f.when)} · {f.what} · {f.status}: <span className="text-red-700">{f.error ?? 'no detail'}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {children}
    </section>
  );
}
