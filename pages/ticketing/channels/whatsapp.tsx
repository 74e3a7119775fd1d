// The WhatsApp screen: unmatched queue, start a conversation, status messages.
import { AppLayout } from '@/src/modules/ticketing/components/layout/AppLayout';
import { WhatsAppChannelPage } from '@/src/modules/ticketing/components/whatsapp/WhatsAppChannelPage';

export default function WhatsAppScreen() {
  return (
    <AppLayout title="WhatsApp" permission="tickets:update">
      <WhatsAppChannelPage />
    </AppLayout>
  );
}
