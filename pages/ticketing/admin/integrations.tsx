// The integration status page (admins and managers): channel health and the inbound review queue.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { IntegrationsPage } from '@/src/modules/ticketing/components/admin/IntegrationsPage';

export default function IntegrationsScreen() {
  return (
    <AppLayout title="Integrations" permission="inbound:manage">
      <IntegrationsPage />
    </AppLayout>
  );
}
