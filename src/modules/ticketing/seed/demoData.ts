// Demo reference data that looks like the operator's world: Fibertime's FTTH projects, drops, staff, fees.
// Pure values; install dates are relative to `today` so some drops are always inside their 90-day guarantee.
import type { TicketPriority, TicketType, UserRole } from '../types/enums';

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
  phone: string;
}

/** Known demo logins, printed by `npm start` and listed in the README. Never use these outside a demo. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@fibreflow.local', name: 'Ayanda Admin', role: 'admin', password: 'admin-demo-2026', phone: '+27 82 555 0101' },
  { email: 'manager@fibreflow.local', name: 'Thandi Mokoena', role: 'manager', password: 'manager-demo-2026', phone: '+27 82 555 0102' },
  { email: 'agent@fibreflow.local', name: 'Lerato Dlamini', role: 'agent', password: 'agent-demo-2026', phone: '+27 82 555 0103' },
  { email: 'agent2@fibreflow.local', name: 'Pieter van Wyk', role: 'agent', password: 'agent-demo-2026', phone: '+27 82 555 0104' },
  { email: 'tech@fibreflow.local', name: 'Sipho Nkosi', role: 'technician', password: 'tech-demo-2026', phone: '+27 82 555 0105' },
  { email: 'tech2@fibreflow.local', name: 'Johan Botha', role: 'technician', password: 'tech-demo-2026', phone: '+27 82 555 0106' },
  { email: 'tech3@fibreflow.local', name: 'Mpho Sithole', role: 'technician', password: 'tech-demo-2026', phone: '+27 82 555 0107' },
  { email: 'finance@fibreflow.local', name: 'Naledi Khumalo', role: 'finance', password: 'finance-demo-2026', phone: '+27 82 555 0108' },
];

export const DEMO_CLIENT = { name: 'Fibertime', code: 'FTM', contactEmail: 'noc@fibertime.example', contactPhone: '+27 10 555 0199' };

export interface DemoProject {
  code: string;
  name: string;
  region: string;
  polePrefix: string;
  street: string;
  suburb: string;
  lat: number;
  lng: number;
  firstDr: number;
}

export const DEMO_PROJECTS: readonly DemoProject[] = [
  { code: 'LAW', name: 'Lawley', region: 'Gauteng', polePrefix: 'LAW.P.B', street: 'Tulip Street', suburb: 'Lawley Ext 1', lat: -26.3845, lng: 27.8064, firstDr: 1734315 },
  { code: 'MOH', name: 'Mohadin', region: 'North West', polePrefix: 'MOH.P.A', street: 'Ruby Street', suburb: 'Mohadin', lat: -26.9787, lng: 26.6663, firstDr: 1741208 },
  { code: 'MAM', name: 'Mamelodi', region: 'Gauteng', polePrefix: 'MAM.P.C', street: 'Tsamaya Avenue', suburb: 'Mamelodi East', lat: -25.7175, lng: 28.3937, firstDr: 1752640 },
];

/** Days before today each project's drops were installed: the first few are inside the 90-day guarantee. */
export const INSTALL_AGES_DAYS: readonly number[] = [6, 21, 45, 80, 97, 130, 210, 365];

export interface DemoDrop {
  drNumber: string;
  projectCode: string;
  address: string;
  gpsLat: number;
  gpsLng: number;
  installDate: string;
  poleNumber: string;
  pon: string;
  zone: string;
  ontSerial: string;
}

/** YYYY-MM-DD of `today` minus `days` (calendar arithmetic in UTC on a date string). */
export function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function demoDrops(today: string): DemoDrop[] {
  return DEMO_PROJECTS.flatMap((p, pi) =>
    INSTALL_AGES_DAYS.map((age, i) => ({
      drNumber: `DR${p.firstDr + i * 7}`,
      projectCode: p.code,
      address: `${112 + i * 17} ${p.street}, ${p.suburb}`,
      gpsLat: Number((p.lat + i * 0.0011).toFixed(6)),
      gpsLng: Number((p.lng - i * 0.0009).toFixed(6)),
      installDate: daysBefore(today, age),
      poleNumber: `${p.polePrefix}${String(101 + i * 11 + pi * 3).padStart(3, '0')}`,
      pon: `PON ${1 + (i % 4)}/${1 + pi}/${1 + (i % 8)}`,
      zone: `Zone ${3 + (i % 5)}`,
      ontSerial: `ALCL${(0xb2c30000 + pi * 4096 + i * 257).toString(16).toUpperCase()}`,
    })),
  );
}

export interface DemoFee {
  serviceType: string;
  ticketType: TicketType;
  priority: TicketPriority | null;
  /** Rand, as the operator's fee sheet lists them (stored as numeric(12,2)). */
  base: number;
  hourly: number;
  travel: number;
}

/** The fee schedule of DESIGN.md section 4 (rand: base / hourly / travel). */
export const DEMO_FEES: readonly DemoFee[] = [
  { serviceType: 'fault_repair', ticketType: 'fault', priority: 'critical', base: 500, hourly: 150, travel: 100 },
  { serviceType: 'fault_repair', ticketType: 'fault', priority: 'high', base: 350, hourly: 120, travel: 75 },
  { serviceType: 'fault_repair', ticketType: 'fault', priority: 'medium', base: 250, hourly: 100, travel: 50 },
  { serviceType: 'fault_repair', ticketType: 'fault', priority: 'low', base: 150, hourly: 80, travel: 50 },
  { serviceType: 'installation', ticketType: 'installation', priority: 'high', base: 450, hourly: 120, travel: 75 },
  { serviceType: 'query', ticketType: 'query', priority: 'low', base: 50, hourly: 50, travel: 0 },
];

export const FEES_EFFECTIVE_FROM = '2026-01-01';

/** Fibertime's maintenance SLA: covers Lawley only, so Lawley drops out of guarantee are `sla`, others billable. */
export const DEMO_CONTRACT = {
  contractNumber: 'FTM-SLA-2026-001',
  name: 'Fibertime Lawley maintenance SLA',
  projectCode: 'LAW',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  responseHours: 4,
  resolutionHours: 24,
  businessHoursOnly: true,
  hourlyRate: 95,
  notes: 'Demo contract: faults on Lawley drops outside the installation guarantee.',
};

export const GUARANTEE_DAYS = 90;
export const MATERIAL_GUARANTEE_DAYS = 365;
