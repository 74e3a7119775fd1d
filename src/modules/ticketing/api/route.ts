// The ticketing module's route wrapper: the platform wrapper bound to this module's permission table.
import { createRouteWrapper } from '@/src/lib/api/route';
import { hasPermission, type Permission } from '../services/permissions';

export const withRoute = createRouteWrapper((user, permission) => hasPermission(user.role, permission));
export { method, Reply, STREAMED } from '@/src/lib/api/route';
export type { RequestContext } from '@/src/lib/api/route';
export type { Permission };
