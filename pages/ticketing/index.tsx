// The dashboard screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketDashboard } from '@/src/modules/ticketing/components/dashboard/TicketDashboard';
import { HotElementsPanel } from '@/src/modules/ticketing/components/network/HotElementsPanel';

export default function DashboardPage() {
  return (
    <AppLayout title="Dashboard" permission="stats:read">
      <TicketDashboard />
      <div className="mt-4">
        <HotElementsPanel />
      </div>
    </AppLayout>
  );
}
