// The weekly report imports so far, newest first, each with its result report.
import { useApi } from '../../hooks/useApi';
import { formatDateTime } from '../format';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { Panel } from '../ui/Panel';
import type { BatchView } from './importApi';

export const HISTORY_ROUTE = 'imports-weekly-report?limit=20';

export function ImportHistory() {
  const { data, error, isLoading, mutate } = useApi<BatchView[]>(HISTORY_ROUTE);
  return (
    <Panel title="Imports">
      {isLoading ? <LoadingState label="Loading imports" /> : error ? <ErrorState error={error} onRetry={() => void mutate()} /> : !data?.length ? <EmptyState>No report imported yet.</EmptyState> : (
        <ul className="space-y-1 text-sm" aria-label="Imports">
          {data.map((b) => (
            <li key={b.id} className="flex flex-wrap gap-2" data-testid="import-item">
              <span className="font-mono font-semibold">{b.reportUid}</span>
              <span>{b.fileName}</span>
              <span className="text-slate-700">{b.rowCount} rows: created {b.result.created}, updated {b.result.updated}, unchanged {b.result.unchanged}, duplicates {b.result.duplicates}, errors {b.result.errors}</span>
              <span className="ml-auto text-xs text-slate-600">{formatDateTime(b.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
