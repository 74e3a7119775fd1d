// The sidebar's screens, grouped, each with the permission it needs; channel screens slot in when they exist.
export interface NavItem {
  href: string;
  label: string;
  /** Permission from services/permissions.ts; the item is hidden for roles without it. */
  permission?: string;
  /** Screens planned but not built yet stay out of the menu until their issue lands. */
  planned?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const NAVIGATION: NavSection[] = [
  {
    title: 'Work',
    items: [
      { href: '/ticketing', label: 'Dashboard', permission: 'stats:read' },
      { href: '/ticketing/tickets', label: 'Tickets', permission: 'tickets:read' },
      { href: '/ticketing/tickets/new', label: 'New ticket', permission: 'tickets:create' },
    ],
  },
  {
    title: 'Channels',
    items: [
      { href: '/ticketing/channels/whatsapp', label: 'WhatsApp', permission: 'tickets:update' },
      { href: '/ticketing/channels/email', label: 'Email', permission: 'tickets:read', planned: true },
      { href: '/ticketing/imports', label: 'Weekly reports', permission: 'imports:manage' },
    ],
  },
  {
    title: 'Billing',
    items: [
      { href: '/ticketing/billing/approvals', label: 'Approvals', permission: 'billing:approve' },
      { href: '/ticketing/billing/invoices', label: 'Invoices', permission: 'billing:invoice' },
      { href: '/ticketing/billing/contracts', label: 'Contracts', permission: 'contracts:read' },
      { href: '/ticketing/billing/guarantees', label: 'Guarantees', permission: 'billing:read' },
      { href: '/ticketing/billing/fees', label: 'Fee schedule', permission: 'fees:read' },
    ],
  },
  {
    title: 'Network',
    items: [
      { href: '/ticketing/network/drops', label: 'Drops', permission: 'network:read' },
      { href: '/ticketing/network/organisations', label: 'Clients and projects', permission: 'network:read' },
      { href: '/ticketing/network/import', label: 'Import register', permission: 'network:manage' },
    ],
  },
  {
    title: 'Admin',
    items: [
      { href: '/ticketing/admin/sla', label: 'SLA rules', permission: 'sla:read' },
      { href: '/ticketing/admin/calendar', label: 'Business calendar', permission: 'sla:read' },
      { href: '/ticketing/admin/outbox', label: 'Outbox', permission: 'outbox:read' },
      { href: '/ticketing/admin/integrations', label: 'Integrations', permission: 'inbound:manage' },
      { href: '/ticketing/api-docs', label: 'API reference', permission: 'outbox:read' },
      { href: '/ticketing/admin/qcontact', label: 'QContact mappings', permission: 'integrations:manage' },
    ],
  },
];

/** The sections and items this user may see (empty sections dropped). */
export function visibleNavigation(can: (permission?: string) => boolean, sections: NavSection[] = NAVIGATION): NavSection[] {
  return sections
    .map((s) => ({ ...s, items: s.items.filter((i) => !i.planned && can(i.permission)) }))
    .filter((s) => s.items.length > 0);
}

/** The item the current path belongs to: the longest href that prefixes it. */
export function activeHref(pathname: string, sections: NavSection[]): string | null {
  let best: string | null = null;
  for (const s of sections) {
    for (const i of s.items) {
      const hit = pathname === i.href || pathname.startsWith(`${i.href}/`);
      if (hit && (!best || i.href.length > best.length)) best = i.href;
    }
  }
  return best;
}
