// The dashboard: open work by status, source and priority, SLA risk, approvals waiting, daily flow, my tickets.
import Link from 'next/link';
import dynamic from 'next/dynamic';
import { OPEN_STATUSES, TICKET_PRIORITIES, TICKET_SOURCES } from '../../types/enums';
import { useMe } from '../../hooks/useMe';
import { useTicketStats } from '../../hooks/useTicketStats';
import { ticketListHref } from '../../hooks/listLinks';
import { formatCents, PRIORITY_LABEL, SOURCE_LABEL, STATUS_LABEL } from '../format';
import { ErrorState, LoadingState } from '../ui/States';
import { PageHeader } from '../ui/PageHeader';
import { Breakdown } from './Breakdown';
import { StatCard } from './StatCard';

// The chart measures its container, so it renders in the browser only.
const DailyChart = dynamic(() => import('./DailyChart').then((m) => m.DailyChart), { ssr: false, loading: () => <LoadingState label="Loading chart" /> });

const OPEN = OPEN_STATUSES.join(',');

export function TicketDashboard() {
  const { me, can } = useMe();
  const { data, error, isLoading, mutate } = useTicketStats();
  if (isLoading) return <LoadingState label="Loading dashboard" />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void mutate()} />;
  const myId = me?.user.id;
  const approvalsHref = can('billing:approve') ? '/ticketing/billing/approvals' : ticketListHref({ status: 'pending_approval' });
  return (
    <div className="space-y-4">
      <PageHeader
        title="Dashboard"
        description={data.scope === 'mine' ? 'Figures for the tickets assigned to you.' : 'Open work across all clients and projects.'}
        actions={
          can('tickets:create') && (
            <Link href="/ticketing/tickets/new" className="btn-primary">
              New ticket
            </Link>
          )
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label="Open tickets" value={data.open.total} href={ticketListHref({ status: OPEN })} />
        <StatCard label="SLA at risk" value={data.sla.warning + data.sla.escalated} tone="amber" hint={`${data.sla.escalated} escalated`} href={ticketListHref({ slaState: 'warning,escalated', status: OPEN })} />
        <StatCard label="SLA breached" value={data.sla.breached} tone="red" href={ticketListHref({ slaState: 'breached', status: OPEN })} />
        <StatCard label="Pending approval" value={data.pendingApprovals.count} tone="blue" hint={formatCents(data.pendingApprovals.totalCents)} href={approvalsHref} />
      </div>
      {myId && (
        <section className="card flex flex-wrap items-center gap-x-6 gap-y-2 p-4" aria-label="My tickets">
          <h2 className="text-sm font-semibold text-slate-700">My tickets</h2>
          <Link className="text-sm text-brand-700 hover:underline" href={ticketListHref({ assignee: 'me', status: OPEN })}>
            {data.mine.open} open
          </Link>
          <Link className="text-sm text-brand-700 hover:underline" href={ticketListHref({ assignee: 'me', status: 'blocked' })}>
            {data.mine.blocked} blocked
          </Link>
          <Link className="text-sm text-red-700 hover:underline" href={ticketListHref({ assignee: 'me', slaState: 'breached', status: OPEN })}>
            {data.mine.breached} breached
          </Link>
        </section>
      )}
      <div className="grid gap-3 md:grid-cols-3">
        <Breakdown title="Open by status" counts={data.open.byStatus} order={OPEN_STATUSES} labels={STATUS_LABEL} hrefFor={(k) => ticketListHref({ status: k })} />
        <Breakdown title="Open by source" counts={data.open.bySource} order={TICKET_SOURCES} labels={SOURCE_LABEL} hrefFor={(k) => ticketListHref({ source: k, status: OPEN })} />
        <Breakdown title="Open by priority" counts={data.open.byPriority} order={TICKET_PRIORITIES} labels={PRIORITY_LABEL} hrefFor={(k) => ticketListHref({ priority: k, status: OPEN })} />
      </div>
      <DailyChart perDay={data.perDay} />
    </div>
  );
}
