// The billing approval queue (managers).
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { BillingApprovalQueue } from '@/src/modules/ticketing/components/billing/BillingApprovalQueue';

export default function ApprovalsPage() {
  return (
    <AppLayout title="Billing approvals" permission="billing:approve">
      <BillingApprovalQueue />
    </AppLayout>
  );
}
