// Guarantee periods per project: days of installation and material guarantee, and an optional start override.
import { useState, type FormEvent } from 'react';
import type { Guarantee } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { useProjects } from '../../hooks/useProjects';
import { formatDate } from '../format';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, Notice, Spinner } from '../ui/States';

function GuaranteeRow({ g, manage, onSaved }: { g: Guarantee; manage: boolean; onSaved: () => void }) {
  const [edit, setEdit] = useState(false);
  const [days, setDays] = useState(String(g.guaranteePeriodDays));
  const [material, setMaterial] = useState(String(g.materialGuaranteeDays));
  const [override, setOverride] = useState(g.startsOnOverride ?? '');
  const { run, pending, error } = useMutation<Guarantee>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = { projectId: g.projectId, guaranteePeriodDays: Number(days), materialGuaranteeDays: Number(material), startsOnOverride: override || null };
    if (await run('guarantees', { method: 'POST', body })) {
      setEdit(false);
      onSaved();
    }
  }
  if (!edit) {
    return (
      <tr data-testid="guarantee-row">
        <td className="px-2 py-2 sm:px-3">
          <span className="font-medium">{g.projectName}</span>
          {/* On a phone the start sits under the project instead of in its own column, so the table fits. */}
          <span className="block text-xs text-slate-600 sm:hidden">from {g.startsOnOverride ? formatDate(g.startsOnOverride) : 'install date'}</span>
        </td>
        <td className="px-2 py-2 sm:px-3">{g.guaranteePeriodDays} days{g.isDefault && <span className="block text-xs text-slate-600 sm:inline sm:text-sm"> (default)</span>}</td>
        <td className="px-2 py-2 sm:px-3">{g.materialGuaranteeDays} days</td>
        <td className="hidden px-2 py-2 sm:table-cell sm:px-3">{g.startsOnOverride ? formatDate(g.startsOnOverride) : 'Install date'}</td>
        <td className="px-2 py-2 sm:px-3 text-right">{manage && <button type="button" className="btn-secondary py-1" onClick={() => setEdit(true)} aria-label={`Edit ${g.projectName}`}>Edit</button>}</td>
      </tr>
    );
  }
  return (
    <tr>
      <td colSpan={5} className="p-3">
        <form onSubmit={(e) => void submit(e)} className="flex flex-wrap items-end gap-3" aria-label={`Guarantee of ${g.projectName}`}>
          <span className="font-medium">{g.projectName}</span>
          <label className="text-xs">Installation days<input className="input mt-1 w-28" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={error?.fields.guaranteePeriodDays ? true : undefined} /></label>
          <label className="text-xs">Material days<input className="input mt-1 w-28" inputMode="numeric" value={material} onChange={(e) => setMaterial(e.target.value)} /></label>
          <label className="text-xs">Starts on (override)<input className="input mt-1" type="date" value={override} onChange={(e) => setOverride(e.target.value)} /></label>
          <button type="submit" className="btn-primary" disabled={pending}>{pending && <Spinner />} Save</button>
          <button type="button" className="btn-secondary" onClick={() => setEdit(false)}>Cancel</button>
          {error && <Notice tone="error">{Object.values(error.fields)[0] ?? error.message}</Notice>}
        </form>
      </td>
    </tr>
  );
}

export function GuaranteeManager() {
  const { can } = useMe();
  const { projects, error, isLoading, mutate } = useProjects();
  return (
    <div>
      <PageHeader title="Guarantees" description="Work on a drop within its project’s guarantee period (from its install date) is free: no approval, no invoice." />
      {isLoading ? (
        <LoadingState label="Loading guarantees" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void mutate()} />
      ) : projects.length === 0 ? (
        <EmptyState>No projects yet.</EmptyState>
      ) : (
        // Focusable with a name: a keyboard user can scroll it when a phone is too narrow for every column.
        <div className="card overflow-x-auto" tabIndex={0} role="region" aria-label="Guarantee periods per project">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Guarantee periods per project</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-2 sm:px-3">Project</th>
                <th scope="col" className="px-2 py-2 sm:px-3">Install</th>
                <th scope="col" className="px-2 py-2 sm:px-3">Material</th>
                <th scope="col" className="hidden px-2 py-2 sm:table-cell sm:px-3">From</th>
                <th scope="col" className="px-2 py-2 sm:px-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {projects.map((g) => <GuaranteeRow key={`${g.projectId}-${g.updatedAt}`} g={g} manage={can('guarantees:manage')} onSaved={() => void mutate()} />)}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
