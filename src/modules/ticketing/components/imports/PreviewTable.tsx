// Each row's outcome in a weekly report preview (or an import's result), filterable by outcome.
import { useState } from 'react';
import type { RowView } from './importApi';

const TONE: Record<RowView['outcome'], string> = {
  new: 'bg-emerald-100 text-emerald-900', update: 'bg-sky-100 text-sky-900', unchanged: 'bg-slate-100 text-slate-800',
  duplicate: 'bg-amber-100 text-amber-900', error: 'bg-red-100 text-red-900',
};
const SHOWN = 500;

export function PreviewTable({ rows, counts }: { rows: RowView[]; counts: Record<RowView['outcome'], number> }) {
  const [filter, setFilter] = useState<RowView['outcome'] | 'all'>('all');
  const list = rows.filter((r) => filter === 'all' || r.outcome === filter);
  return (
    <div>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Filter rows by outcome">
        {(['all', 'new', 'update', 'unchanged', 'duplicate', 'error'] as const).map((k) => (
          <button key={k} type="button" className={`btn-secondary py-1 text-xs ${filter === k ? 'ring-2 ring-brand-500' : ''}`} aria-pressed={filter === k} onClick={() => setFilter(k)}>
            {k === 'all' ? `All ${rows.length}` : `${k} ${counts[k]}`}
          </button>
        ))}
      </div>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full text-left text-xs" aria-label="Row outcomes">
          <thead><tr className="text-slate-600"><th className="p-1">Row</th><th className="p-1">Outcome</th><th className="p-1">FT</th><th className="p-1">DR</th><th className="p-1">Issue</th><th className="p-1">Date</th><th className="p-1">Ticket</th><th className="p-1">Why</th></tr></thead>
          <tbody>
            {list.slice(0, SHOWN).map((r) => (
              <tr key={r.row} className="border-t border-slate-100" data-testid="preview-row">
                <td className="p-1 font-mono">{r.row}</td>
                <td className="p-1"><span className={`rounded-full px-2 py-0.5 font-semibold ${TONE[r.outcome]}`}>{r.outcome}</span></td>
                <td className="p-1 font-mono">{r.ftRef ? `FT${r.ftRef}` : ''}</td>
                <td className="p-1 font-mono">{r.drNumber ?? ''}</td>
                <td className="p-1">{r.issue ?? ''}</td>
                <td className="p-1">{r.date ?? ''}</td>
                <td className="p-1 font-mono">{r.ticketUid ?? ''}</td>
                <td className="p-1 text-slate-700">{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.length > SHOWN && <p className="mt-1 text-xs text-slate-600">Showing the first {SHOWN} of {list.length} rows.</p>}
      </div>
    </div>
  );
}
