// The contracts screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { ContractManager } from '@/src/modules/ticketing/components/billing/ContractManager';

export default function ContractsPage() {
  return (
    <AppLayout title="Contracts" permission="contracts:read">
      <ContractManager />
    </AppLayout>
  );
}
