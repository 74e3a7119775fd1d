// Billing's reaction to ticket lifecycle events (classification on create and on drop/project/client change).
import type { TicketLifecycleHook } from '../lifecycle';

export const billingHooks: TicketLifecycleHook = { name: 'billing' };
