// Clients and projects for pickers: projects come with their client's name, grouped for <optgroup>s.
import { useMemo } from 'react';
import type { ClientSummary, ProjectSummary } from '../types/organisations';
import { useApi } from './useApi';

export function useClients() {
  const res = useApi<ClientSummary[]>('clients');
  return { ...res, clients: res.data ?? [] };
}

export function useProjectList() {
  const res = useApi<ProjectSummary[]>('projects');
  const byClient = useMemo(() => {
    const groups = new Map<string, { clientName: string; projects: ProjectSummary[] }>();
    for (const p of res.data ?? []) {
      const g = groups.get(p.clientId) ?? { clientName: p.clientName, projects: [] };
      g.projects.push(p);
      groups.set(p.clientId, g);
    }
    return [...groups.entries()].map(([clientId, g]) => ({ clientId, ...g }));
  }, [res.data]);
  return { ...res, projects: res.data ?? [], byClient };
}
