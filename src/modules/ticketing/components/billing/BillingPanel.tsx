// A ticket's billing: classification and why, estimate, the manager's decision (and the buttons to make it), actuals, invoice.
import type { TicketBilling, TicketView } from '../../hooks/types';
import { formatCents, formatDateTime } from '../format';
import { BillingBadge } from '../tickets/Badges';
import { ErrorState, LoadingState } from '../ui/States';
import { DecisionButtons } from './DecisionButtons';

interface BillingPanelProps {
  ticket: TicketView;
  billing?: TicketBilling;
  error?: { status: number } & Error;
  loading: boolean;
  canApprove: boolean;
  onChanged: () => void;
}

export function BillingPanel({ ticket, billing, error, loading, canApprove, onChanged }: BillingPanelProps) {
  if (loading) return <LoadingState label="Loading billing" />;
  if (error?.status === 404 || error?.status === 422 || (!billing && !error)) return <p className="text-sm text-slate-600">Not classified yet.</p>;
  if (error || !billing) return <ErrorState error={error} />;
  const decided = billing.approvalStatus && billing.approvalStatus !== 'pending';
  return (
    <div className="space-y-2 text-sm" data-testid="billing-panel">
      <BillingBadge billingType={billing.billingType} reason={billing.reason} inline />
      {billing.estimated && (
        <p>
          Estimate: <span className="font-semibold">{formatCents(billing.estimated.totalCents)}</span>
          <span className="text-slate-500"> ({billing.estimated.hours} h{billing.afterHours ? ', after hours' : ''})</span>
        </p>
      )}
      {billing.actual && <p>Actual: {formatCents(billing.actual.totalCents)}</p>}
      {billing.approvalStatus === 'pending' && <p className="font-medium text-amber-800">Waiting for a manager’s approval.</p>}
      {decided && (
        <p data-testid="billing-decision">
          {billing.approvalStatus === 'approved' ? 'Approved' : 'Rejected'} {formatDateTime(billing.decidedAt)}
          {billing.decisionReason && `: ${billing.decisionReason}`}
        </p>
      )}
      {billing.invoiceId && <p>Invoiced ({billing.invoiceId}) {formatDateTime(billing.invoicedAt)}</p>}
      {canApprove && ticket.status === 'pending_approval' && billing.approvalStatus === 'pending' && <DecisionButtons ticketUid={ticket.ticketUid} onDecided={onChanged} />}
    </div>
  );
}
