// The permission table: which role may do what. Every route names one permission; this file decides.
import type { UserRole } from '../types/enums';

export const PERMISSIONS = [
  'tickets:read',
  'tickets:create',
  'tickets:update',
  /** Set the technician's arrival time: the one ticket field a technician may change (on their own tickets). */
  'tickets:eta',
  'tickets:delete',
  'tickets:assign',
  'tickets:status',
  'tickets:note',
  'tickets:attach',
  'tickets:tag',
  'tickets:export',
  'drops:lookup',
  'stats:read',
  'billing:read',
  'billing:calculate',
  'billing:approve',
  'billing:actuals',
  'billing:invoice',
  'contracts:read',
  'contracts:manage',
  'guarantees:manage',
  'fees:read',
  'fees:manage',
  'sla:read',
  'sla:manage',
  'calendar:manage',
  'outbox:read',
  'outbox:manage',
  'inbound:manage',
  'imports:manage',
  'users:read',
  'users:manage',
  'network:read',
  'network:manage',
  'integrations:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const AGENT: Permission[] = [
  'tickets:read', 'tickets:create', 'tickets:update', 'tickets:eta', 'tickets:assign', 'tickets:status', 'tickets:note',
  'tickets:attach', 'tickets:tag', 'tickets:export', 'drops:lookup', 'stats:read', 'billing:read',
  'billing:calculate', 'contracts:read', 'fees:read', 'sla:read', 'users:read', 'imports:manage',
  'network:read',
];

const MANAGER: Permission[] = [
  ...AGENT, 'billing:approve', 'billing:actuals', 'contracts:manage', 'guarantees:manage', 'fees:manage',
  'sla:manage', 'outbox:read', 'inbound:manage',
  'network:manage',
];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: MANAGER,
  agent: AGENT,
  // Technicians work their own tickets: the ticket services narrow every read and write to assigned_to = them.
  technician: [
    'tickets:read', 'tickets:status', 'tickets:eta', 'tickets:note', 'tickets:attach', 'tickets:tag', 'drops:lookup',
    'billing:actuals', 'sla:read', 'stats:read',
  ],
  finance: [
    'tickets:read', 'tickets:export', 'stats:read', 'billing:read', 'billing:invoice', 'contracts:read',
    'fees:read', 'sla:read', 'drops:lookup', 'outbox:read', 'network:read',
  ],
};

export function hasPermission(role: string, permission: string): boolean {
  const list = ROLE_PERMISSIONS[role as UserRole] as readonly string[] | undefined;
  return list !== undefined && list.includes(permission);
}

/** Technicians only see and change tickets assigned to them. */
export function isScopedToOwnTickets(role: string): boolean {
  return role === 'technician';
}

/** Weekly-report tickets come from the import; by hand only an admin may create one (a correction). */
export function canCreateFromSource(role: string, source: string): boolean {
  return source !== 'weekly_report' || role === 'admin' || role === 'system';
}
