// The WhatsApp conversation on the ticket detail: messages in order with delivery state, failed sends with a retry,
// and the reply box. Shown only on tickets that have a conversation.
import { useState } from 'react';
import { useApi, useMutation } from '../../hooks/useApi';
import { Panel } from '../ui/Panel';
import { ErrorState } from '../ui/States';
import { ConversationMessage } from './ConversationMessage';
import type { ConversationView, WaMessageView } from './types';
import { WhatsAppReplyBox } from './WhatsAppReplyBox';

export function WhatsAppConversation({ ticketId, canReply, onChanged }: { ticketId: string; canReply: boolean; onChanged: () => void }) {
  const { data, error, mutate } = useApi<ConversationView>(`tickets-whatsapp?id=${encodeURIComponent(ticketId)}`, { refreshInterval: 10_000 });
  const [quoting, setQuoting] = useState<WaMessageView | null>(null);
  const retry = useMutation<WaMessageView>();
  if (error) return <ErrorState error={error} onRetry={() => void mutate()} title="Could not load the WhatsApp conversation" />;
  if (!data || data.messages.length === 0) return null;
  const refresh = () => {
    void mutate();
    onChanged();
  };
  return (
    <Panel title="WhatsApp conversation">
      <p className="mb-2 break-words text-xs text-slate-600">
        Chat {data.chatId}
        {!data.configured && ' · WhatsApp is not configured: replies cannot be sent'}
      </p>
      <ol className="max-h-[32rem] space-y-2 overflow-y-auto rounded-md bg-slate-100 p-2" aria-label="Messages" data-testid="wa-conversation">
        {data.messages.map((m) => (
          <ConversationMessage
            key={m.id}
            m={m}
            ticketId={ticketId}
            onQuote={canReply ? () => setQuoting(m) : undefined}
            retrying={retry.pending}
            onRetry={canReply ? () => void retry.run('whatsapp-retry', { method: 'POST', body: { messageId: m.id } }).then((r) => r && refresh()) : undefined}
          />
        ))}
      </ol>
      {retry.error && <p className="mt-2 text-xs text-red-700">{retry.error.message}</p>}
      {canReply && data.configured && <WhatsAppReplyBox ticketId={ticketId} quoting={quoting} onClearQuote={() => setQuoting(null)} onSent={refresh} />}
    </Panel>
  );
}
