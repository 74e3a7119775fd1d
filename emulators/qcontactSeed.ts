// Realistic QContact cases for the emulator: Fibertime's categories, statuses, custom fields and DR relationships,
// generated from a seeded PRNG so a test and a demo see the same cases every time.

export interface EmulatedEvent {
  id: number;
  event_type: 'note' | 'update' | 'status_change' | 'assignment' | 'message' | 'system' | 'automation';
  subtitle: string | null;
  content: string | null;
  formatted_changes: Record<string, { field: string; old_value: unknown; new_value: unknown }> | null;
  user: { label: string; email: string | null };
  created_at: string;
  public_note: boolean;
  pinned: boolean;
}

export interface EmulatedCase {
  id: number;
  /** The visible label: " FT490441" or "Connection Issue FT657323" (or, for a broken case, no FT at all). */
  label: string;
  created_at: string;
  updated_at: string;
  assignedTo: { id: string; label: string };
  contact: { id: number; label: string };
  dr: { id: number; label: string } | null;
  fields: Record<string, unknown>;
  events: EmulatedEvent[];
}

export const OUR_ASSIGNEE = { id: '78001', label: 'Maintenance - Velocity' };
export const OTHER_ASSIGNEE = { id: '78002', label: 'Installations - Other Co' };

export const CATEGORIES = [
  'Connectivity::ONT/Gizzu', 'Connectivity::PoorSignal', 'Connectivity::Laptop/Mobile/Other', 'Connectivity|To be determined',
  'Connectivity|Link Light', 'General|Maintenance', 'Maintenance::PropertyDamage', 'Maintenance::ONTMove',
];
export const STATUS_LABELS = ['New', 'Assigned', 'In Progress', 'Escalated', 'Pending Customer', 'Solved', 'Unsolved - No Response'];

const FIRST = ['Thabo', 'Lerato', 'Sipho', 'Nomsa', 'Kagiso', 'Zanele', 'Bongani', 'Palesa', 'Mpho', 'Ayanda', 'Tshepo', 'Naledi'];
const LAST = ['Mokoena', 'Dlamini', 'Nkosi', 'Khumalo', 'Mahlangu', 'Molefe', 'Ndlovu', 'Sithole', 'Zulu', 'Mabena'];
const STREETS = ['Bluegum St', 'Mopani Cres', 'Protea Ave', 'Marula Rd', 'Acacia St', 'Kiaat Lane'];
const AREAS = [
  { name: 'Lawley', lat: -26.3817, lng: 27.8106, pole: 'LAW' },
  { name: 'Mohadin', lat: -24.6483, lng: 27.9871, pole: 'MOH' },
  { name: 'Mamelodi', lat: -25.7089, lng: 28.3945, pole: 'MAM' },
];
const AGENTS = ['Lindiwe (Fibertime CC)', 'Pieter (Fibertime CC)', 'Refilwe (Fibertime CC)'];
const DESCRIPTIONS: Record<string, string> = {
  'Connectivity::ONT/Gizzu': 'Customer reports no internet; ONT lights off, Gizzu mini-UPS not charging.',
  'Connectivity::PoorSignal': 'Slow speeds and drops in the evening; customer tested with cable.',
  'Connectivity::Laptop/Mobile/Other': 'Customer cannot connect a laptop to the Wi-Fi; other devices fine.',
  'Connectivity|To be determined': 'No service since yesterday, cause unknown.',
  'Connectivity|Link Light': 'LOS light red on the ONT, no link.',
  'General|Maintenance': 'Drop cable hanging low across the yard, please secure.',
  'Maintenance::PropertyDamage': 'Customer reports wall damaged during installation.',
  'Maintenance::ONTMove': 'Customer asks to move the ONT to the lounge.',
};

/** Mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  count: number;
  seed?: number;
  /** Share of cases assigned to another company (filtered out by the assignee filter). Default 0.1. */
  otherShare?: number;
  /** The newest case's creation time; others go back up to 60 days. */
  now?: Date;
  firstCaseId?: number;
  firstNumber?: number;
  drNumbers?: readonly string[];
}

export function makeCases(o: SeedOptions): EmulatedCase[] {
  const rnd = prng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const now = (o.now ?? new Date('2026-11-25T08:00:00Z')).getTime();
  const cases: EmulatedCase[] = [];
  let eventId = 900_000_000;
  for (let i = 0; i < o.count; i += 1) {
    const id = (o.firstCaseId ?? 23_978_236_000) + i * 7;
    const number = (o.firstNumber ?? 490_000) + i;
    const category = pick(CATEGORIES);
    const area = pick(AREAS);
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const created = new Date(now - Math.floor(rnd() * 60 * 86_400_000));
    const updated = new Date(created.getTime() + Math.floor(rnd() * 3 * 86_400_000));
    const dr = o.drNumbers?.length ? o.drNumbers[i % o.drNumbers.length] : `DR${String(1_734_000 + Math.floor(rnd() * 9_000)).padStart(7, '0')}`;
    const assigned = rnd() < (o.otherShare ?? 0.1) ? OTHER_ASSIGNEE : OUR_ASSIGNEE;
    const agent = pick(AGENTS);
    const phone = `+2782${String(Math.floor(rnd() * 10_000_000)).padStart(7, '0')}`;
    const lat = (area.lat + (rnd() - 0.5) / 100).toFixed(6);
    const lng = (area.lng + (rnd() - 0.5) / 100).toFixed(6);
    const drId = 61_000_000 + i;
    cases.push({
      id,
      label: rnd() < 0.5 ? ` FT${number}` : `Connection Issue FT${number}`,
      created_at: created.toISOString(),
      updated_at: updated.toISOString(),
      assignedTo: assigned,
      contact: { id: 5_100_000 + i, label: name },
      dr: { id: drId, label: dr },
      fields: {
        status: pick(STATUS_LABELS),
        category,
        reference: `FT${number}`,
        description: DESCRIPTIONS[category],
        telephone: phone,
        email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.co.za`,
        address: `${1 + Math.floor(rnd() * 400)} ${pick(STREETS)}, ${area.name}`,
        c__dr_number: drId,
        c__dr_location: `${area.pole}.P.B${100 + Math.floor(rnd() * 200)}`,
        c__field_agent: null,
        c__availability: rnd() < 0.5 ? 'Weekdays 08:00-17:00' : 'Any time',
        c__location_pin: `${lat},${lng}`,
        c__serial_number: `ALCL${Math.floor(rnd() * 0xffffffff).toString(16).toUpperCase().padStart(8, '0')}`,
        c__update: null,
      },
      events: [
        {
          id: (eventId += 1), event_type: 'note', subtitle: 'Case logged', content: `Customer called: ${DESCRIPTIONS[category]}`,
          formatted_changes: null, user: { label: agent, email: 'cc@fibertime.example' }, created_at: created.toISOString(), public_note: true, pinned: false,
        },
        {
          id: (eventId += 1), event_type: 'assignment', subtitle: `Assigned to ${assigned.label}`, content: null,
          formatted_changes: { assigned_to: { field: 'Assigned To', old_value: null, new_value: assigned.label } },
          user: { label: 'Automation', email: null }, created_at: created.toISOString(), public_note: false, pinned: false,
        },
      ],
    });
  }
  return cases;
}
