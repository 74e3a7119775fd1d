// The business calendar editor.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { BusinessCalendarEditor } from '@/src/modules/ticketing/components/admin/BusinessCalendarEditor';

export default function CalendarScreen() {
  return (
    <AppLayout title="Business calendar" permission="sla:read">
      <BusinessCalendarEditor />
    </AppLayout>
  );
}
