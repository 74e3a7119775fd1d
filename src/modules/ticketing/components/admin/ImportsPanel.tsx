// The weekly report imports on the integration page: the last import and its result, and where to upload the next.
import Link from 'next/link';
import { formatDateTime } from '../format';
import type { ChannelStatusView } from './IntegrationCard';

interface LastImport { reportUid: string; fileName: string; at: string; result: Record<string, number> }

export function ImportsPanel({ status }: { status: ChannelStatusView; onChange: () => void }) {
  const last = (status.details as { lastImport?: LastImport | null }).lastImport;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3 text-sm" data-testid="imports-panel">
      {last ? (
        <p>
          Last import <span className="font-mono font-semibold">{last.reportUid}</span> ({last.fileName}, {formatDateTime(last.at)}): created {last.result.created}, updated {last.result.updated}, unchanged {last.result.unchanged}, errors {last.result.errors}.
        </p>
      ) : (
        <p>No weekly report imported yet.</p>
      )}
      <Link className="text-brand-700 hover:underline" href="/ticketing/imports">Upload a weekly report</Link>
    </div>
  );
}
