// The drop register screen: search, keyset paging, create, edit and deactivate drops.
import { useState } from 'react';
import { useApi } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useRegisterList } from '../../hooks/useRegisterList';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Notice } from '../ui/States';
import { DropForm, type DropRow } from './DropForm';

export function DropRegister() {
  const { can } = useMe();
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<DropRow | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useRegisterList<DropRow>('network-drops', { q: q.trim() || undefined, includeInactive: inactive ? '1' : undefined, limit: '50' });
  const projects = useApi<{ id: string; name: string }[]>('network-projects?limit=200');
  const manage = can('network:manage');
  const done = (msg: string) => {
    setEditing(null);
    setNotice(msg);
    list.reload();
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title="Drops"
        description="The drop register: one row per home connection. Guarantees follow the install date here."
        actions={manage && <button type="button" className="btn-primary" onClick={() => setEditing('new')}>New drop</button>}
      />
      <div className="flex flex-wrap items-center gap-3">
        <input className="input" type="search" name="q" placeholder="Search DR, address, pole, ONT" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search drops" />
        <label className="text-sm"><input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} /> Show deactivated</label>
      </div>
      {notice && <Notice tone="success">{notice}</Notice>}
      {editing && <DropForm key={editing === 'new' ? 'new' : editing.id} drop={editing === 'new' ? null : editing} projects={projects.data ?? []} onDone={done} />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {!list.error && list.items.length === 0 && (list.loading ? <LoadingState /> : <EmptyState>No drops match.</EmptyState>)}
      {list.items.length > 0 && (
        <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label="Drops (scrolls sideways)">
          <table className="w-full text-left text-sm" aria-label="Drops">
            <thead>
              <tr>{['DR', 'Project', 'Address', 'Installed', 'Pole', 'PON', 'Zone', 'ONT', ''].map((h) => <th key={h} className="p-2">{h}</th>)}</tr>
            </thead>
            <tbody>
              {list.items.map((d) => (
                <tr key={d.id} className={d.active ? '' : 'text-slate-400'}>
                  <td className="p-2 font-mono">{d.drNumber}</td>
                  <td className="p-2">{d.projectName}</td>
                  <td className="p-2">{d.address}</td>
                  <td className="p-2">{d.installDate}</td>
                  <td className="p-2">{d.poleNumber}</td>
                  <td className="p-2">{d.pon}</td>
                  <td className="p-2">{d.zone}</td>
                  <td className="p-2">{d.ontSerial}</td>
                  <td className="p-2">{manage && <button type="button" className="btn-secondary" onClick={() => setEditing(d)} aria-label={`Edit ${d.drNumber}`}>Edit</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && <button type="button" className="btn-secondary" disabled={list.loading} onClick={() => void list.loadMore()}>Load more</button>}
    </div>
  );
}
