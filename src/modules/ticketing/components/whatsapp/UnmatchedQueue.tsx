// The unmatched WhatsApp queue: messages no ticket claimed, oldest first, each with link / open-as-ticket / dismiss.
import { useState } from 'react';
import { useApi } from '../../hooks/useApi';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState } from '../ui/States';
import type { WaMessageView } from './types';
import { UnmatchedItem } from './UnmatchedItem';

export function UnmatchedQueue({ canAct }: { canAct: boolean }) {
  const { data, meta, error, isLoading, mutate } = useApi<WaMessageView[]>('whatsapp-unmatched?limit=100', { refreshInterval: 15_000 });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Panel title={`Unmatched messages${typeof meta?.total === 'number' ? ` (${meta.total})` : ''}`}>
      <p className="mb-2 text-xs text-slate-600">Messages without a DR number in a chat that has no single open ticket. Link each to a ticket or open one from it.</p>
      {notice && <p className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900" role="status">{notice}</p>}
      {isLoading ? (
        <LoadingState label="Loading unmatched messages" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : (data ?? []).length === 0 ? (
        <p className="text-sm text-slate-600">Nothing waiting.</p>
      ) : (
        <ul className="space-y-2">
          {(data ?? []).map((m) => (
            <UnmatchedItem key={m.id} m={m} canAct={canAct} onDone={(msg) => (setNotice(msg), void mutate())} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
