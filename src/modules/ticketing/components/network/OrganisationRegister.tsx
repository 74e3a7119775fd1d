// Clients and projects of the register: search, create, and deactivate (never delete: tickets point at them).
import { useState } from 'react';
import { useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useRegisterList } from '../../hooks/useRegisterList';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { ErrorState, Notice } from '../ui/States';

interface Org {
  id: string;
  name: string;
  code: string | null;
  active: boolean;
  clientName?: string;
  clientId?: string;
  projectCount?: number;
  dropCount?: number;
}

function OrgList({ route, title, fields }: { route: 'network-clients' | 'network-projects'; title: string; fields: string[] }) {
  const { can } = useMe();
  const [q, setQ] = useState('');
  const [form, setForm] = useState<Record<string, string>>({});
  const list = useRegisterList<Org>(route, { q: q.trim() || undefined, includeInactive: '1', limit: '50' });
  const { run, pending, error } = useMutation<Org>();
  const clients = useRegisterList<Org>('network-clients', { limit: '200' });
  const save = async (path: string, method: 'POST' | 'PATCH', body: Record<string, unknown>) => {
    if (await run(path, { method, body })) {
      setForm({});
      list.reload();
    }
  };
  return (
    <Panel title={title}>
      <input className="input mb-2 w-full" type="search" placeholder={`Search ${title.toLowerCase()}`} aria-label={`Search ${title.toLowerCase()}`} value={q} onChange={(e) => setQ(e.target.value)} />
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      <ul className="divide-y text-sm">
        {list.items.map((o) => (
          <li key={o.id} className={`flex items-center justify-between gap-2 py-1 ${o.active ? '' : 'text-slate-400'}`}>
            <span>
              {o.name} {o.code && <span className="text-slate-500">({o.code})</span>} {o.clientName && <span className="text-slate-500">· {o.clientName}</span>}
              {!o.active && ' · deactivated'}
            </span>
            {can('network:manage') && (
              <button type="button" className="btn-secondary" disabled={pending} onClick={() => void save(`${route}?id=${o.id}`, 'PATCH', { active: !o.active })}>
                {o.active ? 'Deactivate' : 'Reactivate'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.hasMore && <button type="button" className="btn-secondary mt-2" onClick={() => void list.loadMore()}>Load more</button>}
      {can('network:manage') && (
        <form className="mt-3 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); void save(route, 'POST', form); }} aria-label={`New ${title.toLowerCase()}`}>
          {fields.includes('clientId') && (
            <select className="input" name="clientId" aria-label="Client" value={form.clientId ?? ''} onChange={(e) => setForm({ ...form, clientId: e.target.value })}>
              <option value="">Client…</option>
              {clients.items.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          )}
          {fields.filter((f) => f !== 'clientId').map((f) => (
            <input key={f} className="input" name={f} placeholder={f} aria-label={f} value={form[f] ?? ''} onChange={(e) => setForm({ ...form, [f]: e.target.value })} />
          ))}
          <button type="submit" className="btn-primary" disabled={pending}>Add</button>
          {error && <Notice tone="error">{error.message}</Notice>}
        </form>
      )}
    </Panel>
  );
}

export function OrganisationRegister() {
  return (
    <div className="space-y-4">
      <PageHeader title="Clients and projects" description="The network owners and their build areas. Deactivate instead of deleting." />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <OrgList route="network-clients" title="Clients" fields={['name', 'code']} />
        <OrgList route="network-projects" title="Projects" fields={['clientId', 'name', 'code']} />
      </div>
    </div>
  );
}
