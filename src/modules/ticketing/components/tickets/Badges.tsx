// Status, priority and billing badges: colour plus words, never colour alone.
import type { BillingType, TicketPriority, TicketStatus } from '../../types/enums';
import { BILLING_LABEL, PRIORITY_LABEL, STATUS_LABEL } from '../format';

const base = 'inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset';

const STATUS_CLASS: Record<TicketStatus, string> = {
  new: 'bg-sky-50 text-sky-800 ring-sky-200',
  triaged: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  assigned: 'bg-violet-50 text-violet-800 ring-violet-200',
  in_progress: 'bg-blue-50 text-blue-800 ring-blue-200',
  blocked: 'bg-orange-50 text-orange-800 ring-orange-200',
  resolved: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  closed: 'bg-slate-100 text-slate-700 ring-slate-200',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-200 line-through',
  pending_approval: 'bg-amber-50 text-amber-800 ring-amber-300',
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className={`${base} ${STATUS_CLASS[status]}`} data-status={status}>
      {STATUS_LABEL[status]}
    </span>
  );
}

const PRIORITY_CLASS: Record<TicketPriority, string> = {
  low: 'bg-slate-50 text-slate-700 ring-slate-200',
  medium: 'bg-sky-50 text-sky-800 ring-sky-200',
  high: 'bg-orange-50 text-orange-800 ring-orange-300',
  critical: 'bg-red-600 text-white ring-red-700',
};

export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span className={`${base} ${PRIORITY_CLASS[priority]}`} data-priority={priority}>
      {PRIORITY_LABEL[priority]}
    </span>
  );
}

const BILLING_CLASS: Record<BillingType, string> = {
  guarantee: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  sla: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  billable: 'bg-amber-50 text-amber-900 ring-amber-300',
};

/** The billing classification; the reason shows beside it when given (detail) or as a tooltip (lists). */
export function BillingBadge({ billingType, reason, inline = false, dropUnknown = false }: { billingType: BillingType | null; reason?: string | null; inline?: boolean; dropUnknown?: boolean }) {
  if (!billingType && dropUnknown) {
    return (
      <span className={`${base} bg-amber-50 text-amber-950 ring-amber-400`} data-billing="unknown-drop" title="The DR is not in the drop register: billing waits until the drop is known">
        Unknown drop: billing waits
      </span>
    );
  }
  if (!billingType) return <span className={`${base} bg-white text-slate-700 ring-slate-300`}>Not classified</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-billing={billingType}>
      <span className={`${base} ${BILLING_CLASS[billingType]}`} title={reason ?? undefined}>
        {BILLING_LABEL[billingType]}
      </span>
      {inline && reason && <span className="text-xs text-slate-600">{reason}</span>}
    </span>
  );
}
