// Bulk assign: the selected tickets go to one person, one request each, with a count of what worked.
import { useState } from 'react';
import { api, ApiError } from '../../hooks/api';
import type { UserSummary } from '../../hooks/types';
import { Notice, Spinner } from '../ui/States';

interface BulkAssignBarProps {
  selectedIds: string[];
  users: UserSummary[];
  onDone: () => void;
}

export function BulkAssignBar({ selectedIds, users, onDone }: BulkAssignBarProps) {
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: number; failed: string[] } | null>(null);

  async function assign() {
    setBusy(true);
    setResult(null);
    let ok = 0;
    const failed: string[] = [];
    for (const id of selectedIds) {
      try {
        await api('tickets-assign', { method: 'POST', body: { id, assignedTo: assignee === 'none' ? null : assignee } });
        ok += 1;
      } catch (err) {
        failed.push(err instanceof ApiError ? err.message : String(err));
      }
    }
    setBusy(false);
    setResult({ ok, failed });
    onDone();
  }

  return (
    <div className="mb-3 space-y-2">
      <div className="card flex flex-wrap items-end gap-2 border-brand-200 bg-brand-50 p-3" role="region" aria-label="Bulk actions">
        <p className="mr-auto text-sm font-medium text-brand-900">{selectedIds.length} selected</p>
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
        <button type="button" className="btn-primary" disabled={!assignee || busy || selectedIds.length === 0} onClick={() => void assign()}>
          {busy && <Spinner />} Assign
        </button>
      </div>
      {result && (
        <Notice tone={result.failed.length ? 'error' : 'success'}>
          {result.ok} ticket{result.ok === 1 ? '' : 's'} assigned.
          {result.failed.length > 0 && ` ${result.failed.length} could not be: ${[...new Set(result.failed)].join('; ')}`}
        </Notice>
      )}
    </div>
  );
}
