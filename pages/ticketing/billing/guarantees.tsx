// The guarantees screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { GuaranteeManager } from '@/src/modules/ticketing/components/billing/GuaranteeManager';

export default function GuaranteesPage() {
  return (
    <AppLayout title="Guarantees" permission="billing:read">
      <GuaranteeManager />
    </AppLayout>
  );
}
