// Projects with their client, read from the guarantee list (every project appears there, defaults included).
import { useMemo } from 'react';
import type { Guarantee } from './types';
import { useApi } from './useApi';
import { useMe } from './useMe';

export function useProjects() {
  const { can } = useMe();
  const res = useApi<Guarantee[]>(can('billing:read') ? 'guarantees' : null);
  const names = useMemo(() => new Map((res.data ?? []).map((g) => [g.projectId, g.projectName])), [res.data]);
  return { ...res, projects: res.data ?? [], names };
}
