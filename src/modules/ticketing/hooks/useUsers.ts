// People tickets can be assigned to (GET users), when the caller may list users.
import { useMe } from './useMe';
import { useApi } from './useApi';
import type { UserSummary } from './types';

export const ASSIGNABLE_ROLES = 'technician,agent,manager,admin';

export function useAssignableUsers() {
  const { can } = useMe();
  return useApi<UserSummary[]>(can('users:read') ? `users?role=${ASSIGNABLE_ROLES}` : null);
}
