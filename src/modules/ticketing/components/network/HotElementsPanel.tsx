// Dashboard panel: network elements with repeated faults (an open infrastructure ticket each), as a list and a map.
import Link from 'next/link';
import { useApi } from '../../hooks/useApi';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState } from '../ui/States';
import { HotElementsMap, type HotPoint } from './HotElementsMap';

interface HotElements {
  elements: (HotPoint & { ticketStatus: string })[];
  map: { tileUrl: string | null; attribution: string };
}

const KIND: Record<string, string> = { drop: 'Drop', pole: 'Pole', pon: 'PON', zone: 'Zone' };

export function HotElementsPanel() {
  const { data, error, isLoading, mutate } = useApi<HotElements>('network-hot-elements', { refreshInterval: 60_000 });
  return (
    <Panel title="Repeat-fault hot spots">
      {isLoading && <LoadingState />}
      {error && <ErrorState error={error} onRetry={() => void mutate()} />}
      {data && data.elements.length === 0 && <p className="text-sm text-slate-500">No element has repeated faults.</p>}
      {data && data.elements.length > 0 && (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          <ul className="divide-y text-sm" aria-label="Hot elements">
            {data.elements.map((e) => (
              <li key={e.alertId} className="flex items-center justify-between gap-2 py-1">
                <span>
                  {KIND[e.kind] ?? e.kind} <span className="font-mono">{e.key}</span>: {e.faultCount} faults
                </span>
                <Link className="text-sky-700 underline" href={`/ticketing/tickets/${encodeURIComponent(e.ticketUid)}`}>
                  {e.ticketUid}
                </Link>
              </li>
            ))}
          </ul>
          <HotElementsMap tileUrl={data.map.tileUrl} attribution={data.map.attribution} points={data.elements} />
        </div>
      )}
    </Panel>
  );
}
