// The permission table: what each role may do, and the rules that narrow it.
import { describe, expect, it } from 'vitest';
import { canCreateFromSource, hasPermission, isScopedToOwnTickets, PERMISSIONS, ROLE_PERMISSIONS } from '@/src/modules/ticketing/services/permissions';
import { USER_ROLES } from '@/src/modules/ticketing/types/enums';

describe('permissions', () => {
  it('gives admin everything and every role a subset of the known permissions', () => {
    expect([...ROLE_PERMISSIONS.admin]).toEqual([...PERMISSIONS]);
    for (const role of USER_ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });

  it.each([
    ['manager', 'billing:approve', true],
    ['agent', 'billing:approve', false],
    ['finance', 'billing:invoice', true],
    ['agent', 'billing:invoice', false],
    ['technician', 'tickets:create', false],
    ['technician', 'tickets:status', true],
    ['technician', 'tickets:assign', false],
    ['finance', 'tickets:create', false],
    ['agent', 'tickets:delete', false],
    ['manager', 'tickets:delete', false],
    ['admin', 'tickets:delete', true],
    ['manager', 'sla:manage', true],
    ['agent', 'sla:manage', false],
    ['manager', 'calendar:manage', false],
    ['admin', 'calendar:manage', true],
    ['ghost', 'tickets:read', false],
  ])('%s may %s: %s', (role, perm, allowed) => {
    expect(hasPermission(role, perm)).toBe(allowed);
  });

  it('scopes technicians to their own tickets only', () => {
    expect(USER_ROLES.filter(isScopedToOwnTickets)).toEqual(['technician']);
  });

  it('keeps weekly-report tickets for the import, the system and admins', () => {
    expect(canCreateFromSource('agent', 'weekly_report')).toBe(false);
    expect(canCreateFromSource('admin', 'weekly_report')).toBe(true);
    expect(canCreateFromSource('system', 'weekly_report')).toBe(true);
    expect(canCreateFromSource('agent', 'whatsapp')).toBe(true);
  });
});
