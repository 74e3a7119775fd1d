// The invoices as finance expects them: number, client, lines, amount and state, newest first; open one to see its
// lines and where each stands, or download it as a PDF.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { InvoiceLineView, InvoiceSummary } from '../../db/invoiceListRepo';
import { API_BASE } from '../../hooks/api';
import { useApi } from '../../hooks/useApi';
import { formatCents, formatDate, formatDateTime } from '../format';
import { Panel } from '../ui/Panel';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';

const STATE: Record<InvoiceSummary['state'], { label: string; cls: string }> = {
  queued: { label: 'Queued', cls: 'bg-sky-50 text-sky-900 ring-sky-300' },
  sent: { label: 'Sent', cls: 'bg-emerald-50 text-emerald-900 ring-emerald-300' },
  failed: { label: 'Failed', cls: 'bg-red-50 text-red-900 ring-red-300' },
};

function StateBadge({ state }: { state: InvoiceSummary['state'] }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE[state].cls}`}>{STATE[state].label}</span>;
}

function Lines({ id }: { id: string }) {
  const { data, error, isLoading } = useApi<InvoiceSummary & { lines: InvoiceLineView[] }>(`billing-invoices?id=${encodeURIComponent(id)}`);
  if (isLoading) return <LoadingState label="Loading lines" />;
  if (error || !data) return <ErrorState error={error} />;
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="Invoice lines">
      {data.lines.map((l) => (
        <li key={l.ticketId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2" data-testid="invoice-line">
          <Link className="font-mono font-semibold text-brand-700 hover:underline" href={`/ticketing/tickets/${encodeURIComponent(l.ticketUid)}`}>
            {l.ticketUid}
          </Link>
          <span className="min-w-0 flex-1 text-slate-800 [overflow-wrap:anywhere]">{l.line.description}</span>
          <span className="tabular-nums">{formatCents(l.line.totalCents)}</span>
          <StateBadge state={l.state} />
          {l.lastError && <span className="w-full text-xs text-red-800">{l.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}

export function InvoiceList({ refreshKey }: { refreshKey: number }) {
  const { data, error, isLoading, mutate } = useApi<InvoiceSummary[]>('billing-invoices?limit=50');
  // A new invoice was raised on this screen: read the list again.
  useEffect(() => {
    if (refreshKey > 0) void mutate();
  }, [refreshKey, mutate]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Panel title="Invoices">
      {isLoading ? (
        <LoadingState label="Loading invoices" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : !data?.length ? (
        <EmptyState>No invoices yet: invoice a ticket or a client’s period above.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="Invoices, newest first">
          {data.map((i) => (
            <li key={i.id} className="py-3" data-testid="invoice">
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                <span className="font-mono font-semibold text-slate-900">{i.invoiceNumber}</span>
                {/* On a phone: number, amount and state on one line, the client below; side by side on wider screens. */}
                <span className="order-last min-w-0 basis-full font-medium text-slate-900 sm:order-none sm:flex-1 sm:basis-auto">{i.clientName ?? 'No client'}</span>
                <span className="ml-auto text-lg font-semibold tabular-nums sm:ml-0" data-testid="invoice-total">
                  {formatCents(i.totalCents)}
                </span>
                <StateBadge state={i.state} />
              </div>
              <p className="mt-1 text-xs text-slate-700">
                {i.lineCount} line{i.lineCount === 1 ? '' : 's'} · {formatCents(i.subtotalCents)} excl. VAT + {formatCents(i.vatCents)} VAT
                {i.periodFrom && i.periodTo ? ` · work resolved ${formatDate(i.periodFrom)} – ${formatDate(i.periodTo)}` : ''} · raised {formatDateTime(i.createdAt)}
                {i.createdByName ? ` by ${i.createdByName}` : ''}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button type="button" className="btn-secondary py-1" aria-expanded={open === i.id} onClick={() => setOpen(open === i.id ? null : i.id)}>
                  {open === i.id ? 'Hide lines' : 'Show lines'}
                </button>
                <a className="btn-secondary py-1" href={`${API_BASE}/billing-invoices-pdf?id=${encodeURIComponent(i.invoiceNumber)}`} download>
                  PDF<span className="sr-only"> of {i.invoiceNumber}</span>
                </a>
              </div>
              {open === i.id && (
                <div className="mt-2 rounded-md bg-slate-50 p-2">
                  <Lines id={i.id} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
