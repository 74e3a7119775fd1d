// The integration status page: one card per channel (with its own panel when it has one) and the review queue.
import { useApi } from '../../hooks/useApi';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/States';
import { CHANNEL_PANELS } from './channelPanels';
import { InboundReviewQueue } from './InboundReviewQueue';
import { IntegrationCard, type ChannelStatusView } from './IntegrationCard';

export function IntegrationsPage() {
  const { data, error, isLoading, mutate } = useApi<ChannelStatusView[]>('integrations-status', { refreshInterval: 15_000 });
  const refresh = () => void mutate();
  return (
    <div className="space-y-4">
      <PageHeader title="Integrations" description="Every channel that brings tickets in or carries answers out: whether it is set up, what arrived last, what waits, and what failed." />
      {isLoading ? (
        <LoadingState label="Loading channel status" />
      ) : error ? (
        <ErrorState error={error} onRetry={refresh} />
      ) : (
        <div className="space-y-3">
          {(data ?? []).map((s) => {
            const Panel = CHANNEL_PANELS[s.key];
            return (
              <IntegrationCard key={s.key} status={s}>
                {Panel && <Panel status={s} onChange={refresh} />}
              </IntegrationCard>
            );
          })}
        </div>
      )}
      <InboundReviewQueue onChange={refresh} />
    </div>
  );
}
