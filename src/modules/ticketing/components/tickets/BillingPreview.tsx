// Before saving: how the ticket will be billed (guarantee, SLA contract or billable with its estimate), and why.
import { toQuery } from '../../hooks/api';
import type { BillingEstimate } from '../../hooks/types';
import { useApi } from '../../hooks/useApi';
import { formatCents } from '../format';
import { BillingBadge } from './Badges';
import { Spinner } from '../ui/States';

interface BillingPreviewProps {
  drNumber: string | null;
  ticketType: string;
  priority: string;
}

export function BillingPreview({ drNumber, ticketType, priority }: BillingPreviewProps) {
  const route = drNumber ? `billing-calculate${toQuery({ dr: drNumber, ticketType, priority })}` : null;
  const { data, error, isLoading } = useApi<BillingEstimate>(route, { shouldRetryOnError: false });
  if (!drNumber) return null;
  return (
    <section className="rounded-md border border-slate-200 bg-slate-50 p-3" aria-labelledby="billing-preview-title" aria-live="polite" data-testid="billing-preview">
      <h3 id="billing-preview-title" className="text-sm font-semibold text-slate-700">
        Billing
      </h3>
      {isLoading ? (
        <p className="mt-1 inline-flex items-center gap-1 text-sm text-slate-600">
          <Spinner className="h-3 w-3" /> Working out the billing…
        </p>
      ) : error || !data ? (
        <p className="mt-1 text-sm text-slate-600">{error?.status === 404 ? 'Unknown drop: no billing preview.' : (error?.message ?? 'No billing preview.')}</p>
      ) : (
        <div className="mt-1 space-y-1 text-sm">
          <BillingBadge billingType={data.billingType} reason={data.reason} inline />
          {data.estimate && (
            <p data-testid="billing-estimate">
              Estimate <span className="font-semibold">{formatCents(data.estimate.totalCents)}</span> excl. VAT
              {data.invoicePreview && <> ({formatCents(data.invoicePreview.totalCents)} incl. VAT)</>}
              {data.afterHours && ' · after-hours rates'}
            </p>
          )}
          {data.requiresApproval && <p className="font-medium text-amber-800">A manager must approve this work before anyone is sent.</p>}
        </div>
      )}
    </section>
  );
}
