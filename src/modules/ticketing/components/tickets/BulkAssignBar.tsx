// Bulk assign: the selected tickets go to one person, one request each with the version the list showed, so a ticket
// someone else changed meanwhile is not overwritten; the bar reports which ones lost and why.
import { useState } from 'react';
import { api, ApiError } from '../../hooks/api';
import type { UserSummary } from '../../hooks/types';
import { Notice, Spinner } from '../ui/States';

export interface BulkTicket {
  id: string;
  ticketUid: string;
  version: number;
}

interface BulkAssignBarProps {
  selected: BulkTicket[];
  users: UserSummary[];
  onDone: () => void;
}

interface BulkResult {
  ok: number;
  changed: string[];
  failed: string[];
}

export function BulkAssignBar({ selected, users, onDone }: BulkAssignBarProps) {
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);

  async function assign() {
    setBusy(true);
    setResult(null);
    const r: BulkResult = { ok: 0, changed: [], failed: [] };
    for (const t of selected) {
      try {
        await api('tickets-assign', { method: 'POST', body: { id: t.id, version: t.version, assignedTo: assignee === 'none' ? null : assignee } });
        r.ok += 1;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.details && 'currentVersion' in err.details) r.changed.push(t.ticketUid);
        else r.failed.push(`${t.ticketUid}: ${err instanceof ApiError ? err.message : String(err)}`);
      }
    }
    setBusy(false);
    setResult(r);
    onDone();
  }

  const bad = result ? result.changed.length + result.failed.length : 0;
  return (
    <div className="mb-3 space-y-2">
      <div className="card flex flex-wrap items-end gap-2 border-brand-200 bg-brand-50 p-3" role="region" aria-label="Bulk actions">
        <p className="mr-auto text-sm font-medium text-brand-900">{selected.length} selected</p>
        <div>
          <label htmlFor="bulk-assignee" className="text-xs">
            Assign to
          </label>
          <select id="bulk-assignee" className="input mt-1 py-1.5" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Choose a person…</option>
            <option value="none">Nobody (unassign)</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn-primary" disabled={!assignee || busy || selected.length === 0} onClick={() => void assign()}>
          {busy && <Spinner />} Assign
        </button>
      </div>
      {result && (
        <Notice tone={bad ? 'error' : 'success'}>
          {result.ok} ticket{result.ok === 1 ? '' : 's'} assigned.
          {result.changed.length > 0 && ` Changed by someone else meanwhile, not assigned (reload and try again): ${result.changed.join(', ')}.`}
          {result.failed.length > 0 && ` Could not be assigned: ${result.failed.join('; ')}`}
        </Notice>
      )}
    </div>
  );
}
