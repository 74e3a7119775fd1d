// SLA's reaction to ticket lifecycle events (targets on create, pause on blocked, first response on notes).
import type { TicketLifecycleHook } from '../lifecycle';

export const slaHooks: TicketLifecycleHook = { name: 'sla' };
