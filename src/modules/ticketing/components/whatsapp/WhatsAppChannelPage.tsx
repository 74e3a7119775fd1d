// The WhatsApp screen: the unmatched queue, starting a conversation, and (admins and managers) the status messages.
import Link from 'next/link';
import { useMe } from '../../hooks/useMe';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { StartConversationForm } from './StartConversationForm';
import { StatusTemplatesEditor } from './StatusTemplatesEditor';
import { UnmatchedQueue } from './UnmatchedQueue';

export function WhatsAppChannelPage() {
  const { can } = useMe();
  return (
    <div className="space-y-4">
      <PageHeader title="WhatsApp" description="Messages that named no drop wait here; start a conversation about a drop; choose which status changes message the customer." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <UnmatchedQueue canAct={can('tickets:update')} />
        </div>
        <div className="space-y-4">
          {can('tickets:create') && <StartConversationForm />}
          {can('inbound:manage') && (
            <Panel title="Status messages">
              <StatusTemplatesEditor />
              <p className="mt-3 text-xs text-slate-600">
                Channel health: <Link className="underline" href="/ticketing/admin/integrations">Integrations</Link>
              </p>
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}
