// The fee schedule editor.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { FeeScheduleEditor } from '@/src/modules/ticketing/components/billing/FeeScheduleEditor';

export default function FeesPage() {
  return (
    <AppLayout title="Fee schedule" permission="fees:read">
      <FeeScheduleEditor />
    </AppLayout>
  );
}
