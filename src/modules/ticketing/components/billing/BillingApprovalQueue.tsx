// The manager's approval queue: billable work waiting, oldest first, with its value, reason and a decision on each.
import Link from 'next/link';
import { useState } from 'react';
import type { DecisionResult, PendingApproval } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { formatCents, formatDateTime, labelOf, PRIORITY_LABEL, TYPE_LABEL } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';
import { DecisionButtons } from './DecisionButtons';

export function BillingApprovalQueue() {
  const { data, meta, error, isLoading, mutate } = useApi<PendingApproval[]>('billing-pending-approval?limit=100');
  const [last, setLast] = useState<DecisionResult | null>(null);
  const total = Number(meta?.total ?? data?.length ?? 0);
  const value = Number(meta?.totalValueCents ?? 0);
  return (
    <div>
      <PageHeader title="Billing approvals" description="Billable work waits here until a manager approves it; nobody is sent before that." />
      <div className="mb-4 grid grid-cols-2 gap-3 sm:w-96">
        <div className="card p-3">
          <div className="text-xs uppercase text-slate-500">Waiting</div>
          <div className="text-2xl font-semibold" data-testid="queue-count">
            {total}
          </div>
        </div>
        <div className="card p-3">
          <div className="text-xs uppercase text-slate-500">Estimated value</div>
          <div className="text-2xl font-semibold" data-testid="queue-value">
            {formatCents(value)}
          </div>
        </div>
      </div>
      {last && (
        <div className="mb-3">
          <Notice tone="success">
            {last.ticketUid} {last.approvalStatus === 'approved' ? 'approved: it is now a new ticket.' : 'rejected and cancelled.'}
          </Notice>
        </div>
      )}
      {isLoading ? (
        <LoadingState label="Loading the queue" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>Nothing is waiting for approval.</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Waiting for approval">
          {data.map((p) => (
            <li key={p.ticketId} className="card p-4" data-testid="approval-item">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0 flex-1">
                  <Link href={`/ticketing/tickets/${encodeURIComponent(p.ticketUid)}`} className="font-mono font-semibold text-brand-700 hover:underline">
                    {p.ticketUid}
                  </Link>
                  <p className="font-medium">{p.title}</p>
                  <p className="text-xs text-slate-500">
                    {labelOf(TYPE_LABEL, p.ticketType)} · {labelOf(PRIORITY_LABEL, p.priority)} · {[p.drNumber, p.projectName, p.clientName].filter(Boolean).join(' · ')} · opened {formatDateTime(p.createdAt)}
                  </p>
                  <p className="mt-1 text-sm text-slate-700">{p.reason}</p>
                </div>
                <div className="shrink-0 text-right">
                  <div className="text-lg font-semibold">{p.estimatedTotalCents === null ? 'No fee row' : formatCents(p.estimatedTotalCents)}</div>
                  <div className="text-xs text-slate-500">estimate excl. VAT</div>
                </div>
              </div>
              <div className="mt-3">
                <DecisionButtons
                  ticketUid={p.ticketUid}
                  onDecided={(r) => {
                    setLast(r);
                    void mutate();
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
