// The dashboard screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { TicketDashboard } from '@/src/modules/ticketing/components/dashboard/TicketDashboard';

export default function DashboardPage() {
  return (
    <AppLayout title="Dashboard" permission="stats:read">
      <TicketDashboard />
    </AppLayout>
  );
}
