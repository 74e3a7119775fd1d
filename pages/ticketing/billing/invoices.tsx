// The invoices screen.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { InvoiceScreen } from '@/src/modules/ticketing/components/billing/InvoiceScreen';

export default function InvoicesPage() {
  return (
    <AppLayout title="Invoices" permission="billing:invoice">
      <InvoiceScreen />
    </AppLayout>
  );
}
