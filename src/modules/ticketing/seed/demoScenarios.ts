// The demo tickets as stories: where each came from, which drop, and what happened to it since (in hours).
// Drops 0-3 of each project are inside the 90-day guarantee; Lawley 4-7 fall under Fibertime's SLA contract;
// Mohadin and Mamelodi 4-7, and work with no drop, are billable and wait for a manager's approval first.
import type { FaultCause, PauseReason, TicketStatus } from '../types/enums';
import type { DemoScenario } from './demoTickets';

export interface DemoStep {
  do: TicketStatus | 'assign' | 'note' | 'approve' | 'reject';
  by: string;
  after: number;
  to?: string;
  text?: string;
  pauseReason?: PauseReason;
  faultCause?: FaultCause;
  external?: boolean;
}

const AGENT = 'agent@fibreflow.local';
const AGENT2 = 'agent2@fibreflow.local';
const MANAGER = 'manager@fibreflow.local';
const T1 = 'tech@fibreflow.local';
const T2 = 'tech2@fibreflow.local';
const T3 = 'tech3@fibreflow.local';

const triage = (after = 0.5): DemoStep => ({ do: 'triaged', by: AGENT, after, text: 'Checked the drop and the customer details' });
const assign = (to: string, after = 1): DemoStep => ({ do: 'assign', by: AGENT, to, after, text: 'Nearest available technician' });
const start = (tech: string, after = 2): DemoStep => ({ do: 'in_progress', by: tech, after, text: 'On site' });
const block = (tech: string, pauseReason: PauseReason, text: string): DemoStep => ({ do: 'blocked', by: tech, after: 1.5, pauseReason, text });
const unblock = (tech: string, after = 20): DemoStep => ({ do: 'in_progress', by: tech, after, text: 'Back on site' });
const resolve = (tech: string, faultCause: FaultCause, text: string, after = 3): DemoStep => ({ do: 'resolved', by: tech, after, faultCause, text });
const close = (after = 24): DemoStep => ({ do: 'closed', by: AGENT2, after, text: 'Customer confirmed service restored' });
const cancel = (text: string, after = 2): DemoStep => ({ do: 'cancelled', by: AGENT, after, text });
const approve = (after = 2): DemoStep => ({ do: 'approve', by: MANAGER, after, text: 'Customer accepted the call-out fee' });
const reject = (text: string, after = 3): DemoStep => ({ do: 'reject', by: MANAGER, after, text });
const note = (by: string, text: string, external = false, after = 0.5): DemoStep => ({ do: 'note', by, after, text, external });

const resident = (name: string, phone: string) => ({ name, phone });

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  // QContact: the client's call centre.
  { source: 'qcontact', qcontactRef: 'FT490441', type: 'fault', priority: 'high', title: 'No internet: ONT PON light flashing', description: 'Customer reports no connectivity since this morning; PON light flashing green.', drop: ['LAW', 0], hoursAgo: 30, reporter: resident('Nomsa Zulu', '+27 71 234 5678'), steps: [assign(T1), start(T1), note(T1, 'Light levels at the ONT -31 dBm; checking the dome joint')] },
  { source: 'qcontact', qcontactRef: 'FT490587', type: 'fault', priority: 'critical', title: 'Outage on a whole pole: 12 homes down', description: 'Several customers on the same pole report no service.', drop: ['LAW', 5], hoursAgo: 52, reporter: resident('Fibertime NOC', '+27 10 555 0199'), steps: [assign(T2, 0.2), start(T2, 1), resolve(T2, 'third_party', 'Feeder cable cut by a municipal contractor; spliced 24 cores')] },
  { source: 'qcontact', qcontactRef: 'FT490702', type: 'fault', priority: 'medium', title: 'Slow speeds in the evening', description: 'Speed tests at 19:00 show 4 Mbps on a 20 Mbps package.', drop: ['MOH', 1], hoursAgo: 3, reporter: resident('Kabelo Molefe', '+27 72 345 6789'), steps: [] },
  { source: 'qcontact', qcontactRef: 'FT490815', type: 'fault', priority: 'high', title: 'Drop cable torn down by a truck', description: 'Drop cable hanging across the road after a delivery truck hit it.', drop: ['MAM', 6], hoursAgo: 6, reporter: resident('Lindiwe Mahlangu', '+27 73 456 7890'), steps: [] },
  { source: 'qcontact', qcontactRef: 'FT489902', type: 'fault', priority: 'low', title: 'Intermittent connection drops', description: 'Connection drops a few times a day for a minute.', drop: ['LAW', 2], hoursAgo: 400, reporter: resident('Themba Ndlovu', '+27 74 567 8901'), steps: [assign(T1), start(T1, 20), resolve(T1, 'workmanship', 'Re-terminated the SC connector at the ONT'), close()] },
  { source: 'qcontact', qcontactRef: 'FT490990', type: 'fault', priority: 'medium', title: 'No service after a power outage', description: 'ONT powers on but shows LOS red.', drop: ['LAW', 6], hoursAgo: 28, reporter: resident('Zanele Khoza', '+27 76 678 9012'), steps: [assign(T3), start(T3), block(T3, 'access_denied', 'Nobody home; gate locked'), note(AGENT, 'Called the customer: available tomorrow after 16:00', true)] },
  // WhatsApp: customers and field teams writing in.
  { source: 'whatsapp', type: 'fault', priority: 'medium', title: 'Red LOS light on the ONT', description: 'Photo shows the LOS light red.', drop: ['LAW', 1], hoursAgo: 5, reporter: resident('Busi Mthembu', '+27 82 111 2233'), steps: [triage()] },
  { source: 'whatsapp', type: 'fault', priority: 'high', title: 'No signal since the storm', description: 'Lost service during last night’s storm.', drop: ['MAM', 0], hoursAgo: 44, reporter: resident('Sello Maseko', '+27 82 222 3344'), steps: [assign(T2), start(T2), block(T2, 'weather', 'Lightning in the area: pole work suspended')] },
  { source: 'whatsapp', type: 'fault', priority: 'medium', title: 'Router keeps rebooting', description: 'Customer-owned router reboots every few minutes.', drop: ['MOH', 5], hoursAgo: 20, reporter: resident('Tshepo Radebe', '+27 82 333 4455'), steps: [approve(), assign(T1)] },
  { source: 'whatsapp', type: 'complaint', priority: 'medium', title: 'Technician did not arrive', description: 'Customer waited all day for a technician.', drop: ['LAW', 6], hoursAgo: 300, reporter: resident('Palesa Nkuna', '+27 82 444 5566'), steps: [assign(T3), start(T3, 18), resolve(T3, 'unknown', 'Visited, apologised and confirmed the service works'), close()] },
  { source: 'whatsapp', type: 'query', priority: 'low', title: 'How do I change my WiFi password?', description: 'Customer asks for WiFi password instructions.', drop: ['MAM', 2], hoursAgo: 70, reporter: resident('Ayanda Cele', '+27 82 555 6677'), steps: [assign(T1), start(T1, 1), resolve(T1, 'unknown', 'Talked the customer through the router settings', 0.5)] },
  { source: 'whatsapp', type: 'fault', priority: 'medium', title: 'Loses connection when it rains', description: 'Connection drops whenever it rains.', drop: ['MOH', 1], hoursAgo: 160, reporter: resident('Karabo Mokoena', '+27 82 666 7788'), steps: [assign(T2), start(T2), block(T2, 'parts', 'Needs a new dome joint'), unblock(T2), resolve(T2, 'material_failure', 'Replaced the dome joint'), { do: 'in_progress', by: AGENT, after: 30, text: 'Customer says it dropped again in the rain: reopened' }] },
  // WhatsApp outbound: agents starting the conversation.
  { source: 'whatsapp_outbound', type: 'maintenance', priority: 'low', title: 'Follow-up: confirm service restored', description: 'Check with the customer that the repair held.', drop: ['LAW', 3], hoursAgo: 2, steps: [] },
  { source: 'whatsapp_outbound', type: 'maintenance', priority: 'medium', title: 'Planned maintenance notice on PON 2', description: 'Tell customers on PON 2 about tonight’s splitter replacement.', drop: ['MOH', 2], hoursAgo: 9, steps: [assign(T3), start(T3)] },
  { source: 'whatsapp_outbound', type: 'fault', priority: 'medium', title: 'Repeated LOS alarms on the NMS', description: 'The NMS shows LOS alarms on this ONT several times a day.', drop: ['MAM', 7], hoursAgo: 50, steps: [reject('Customer declined the call-out fee')] },
  // Email: the tickets@ mailbox.
  { source: 'email', type: 'fault', priority: 'high', title: 'Fibre cut in Tulip Street', description: 'Email from a resident: contractor dug through the fibre duct.', drop: ['LAW', 4], hoursAgo: 7, reporter: { name: 'Ruth Pillay', email: 'ruth.pillay@example.co.za' }, steps: [assign(T2), start(T2)] },
  { source: 'email', type: 'query', priority: 'low', title: 'When was my connection installed?', description: 'Customer needs the installation date for their landlord.', drop: ['MOH', 0], hoursAgo: 200, reporter: { name: 'David Smith', email: 'david.smith@example.co.za' }, steps: [assign(T1), start(T1, 1), resolve(T1, 'unknown', 'Sent the installation record', 0.5), close(4)] },
  { source: 'email', type: 'installation', priority: 'high', title: 'Move the ONT to the lounge', description: 'Customer wants the ONT relocated.', drop: ['MAM', 1], hoursAgo: 90, reporter: { name: 'Grace Nel', email: 'grace.nel@example.co.za' }, steps: [triage(), cancel('Customer withdrew the request')] },
  { source: 'email', type: 'fault', priority: 'low', title: 'Duplicate: intermittent drops', description: 'Same fault as an open ticket.', drop: ['LAW', 3], hoursAgo: 26, reporter: { name: 'Themba Ndlovu', email: 'themba.ndlovu@example.co.za' }, steps: [cancel('Duplicate of an open ticket')] },
  // Construction: snags logged by the build teams.
  { source: 'construction', type: 'installation', priority: 'high', title: 'Snag: drop cable not clipped to the wall', description: 'Cable loose along the outside wall.', drop: ['LAW', 0], hoursAgo: 120, steps: [assign(T1), start(T1, 24), resolve(T1, 'workmanship', 'Clipped the cable every 30 cm')] },
  { source: 'construction', type: 'maintenance', priority: 'medium', title: 'Snag: pole leaning after installation', description: 'Pole leans about 10 degrees towards the road.', drop: ['MOH', 3], hoursAgo: 75, steps: [assign(T3), start(T3), block(T3, 'permit', 'Wayleave needed from the municipality to re-plant the pole')] },
  { source: 'construction', type: 'installation', priority: 'medium', title: 'Snag: ONT mounted upside down', description: 'ONT mounted with the ports facing up.', drop: ['MAM', 3], hoursAgo: 500, steps: [assign(T2), start(T2, 30), resolve(T2, 'workmanship', 'Re-mounted the ONT'), close(48)] },
  { source: 'construction', type: 'maintenance', priority: 'low', title: 'Snag: dome joint lid missing', description: 'Dome joint at the pole has no lid.', drop: ['LAW', 7], hoursAgo: 4, steps: [] },
  // Internal: our own staff.
  { source: 'internal', type: 'maintenance', priority: 'medium', title: 'Replace a faulty splitter in the FDT', description: 'Splitter port 5 shows high loss.', drop: ['LAW', 1], hoursAgo: 12, steps: [assign(T2)] },
  { source: 'internal', type: 'other', priority: 'low', title: 'Audit the pole tags in Zone 4', description: 'Several pole tags are missing or faded.', drop: ['MOH', 0], hoursAgo: 33, steps: [triage()] },
  { source: 'internal', type: 'fault', priority: 'critical', title: 'OLT port errors affecting PON 2', description: 'CRC errors on the OLT uplink serving PON 2.', drop: ['LAW', 5], hoursAgo: 240, steps: [assign(T1, 0.1), start(T1, 0.5), resolve(T1, 'material_failure', 'Replaced the SFP on the OLT uplink', 2), close(6)] },
  // Ad hoc: one-off jobs with no drop (billable, so they wait for approval first).
  { source: 'adhoc', type: 'maintenance', priority: 'medium', title: 'Clear vegetation around a street cabinet', description: 'Bushes growing into the cabinet on Main Road.', drop: null, hoursAgo: 8, steps: [] },
  { source: 'adhoc', type: 'other', priority: 'low', title: 'Site survey for a new business park', description: 'Survey the route for a possible extension.', drop: null, hoursAgo: 60, steps: [approve(), assign(T3), start(T3, 20)] },
  { source: 'adhoc', type: 'installation', priority: 'high', title: 'Temporary link for a community hall event', description: 'A week-long temporary connection for an event.', drop: null, hoursAgo: 100, steps: [reject('Not something we do: refer to the events supplier')] },
  // Weekly report: rows of the client's fault report that matched no ticket.
  { source: 'weekly_report', qcontactRef: 'FT491120', type: 'fault', priority: 'medium', title: 'Weekly report: LOS reported by the client', description: 'Row 14 of the weekly fault report.', drop: ['LAW', 2], hoursAgo: 36, steps: [] },
  { source: 'weekly_report', type: 'fault', priority: 'high', title: 'Weekly report: slow speeds', description: 'Row 22 of the weekly fault report.', drop: ['MOH', 6], hoursAgo: 140, steps: [approve(), assign(T1), start(T1, 24), resolve(T1, 'environmental', 'Cleaned a water-logged connector in the dome joint')] },
  { source: 'weekly_report', qcontactRef: 'FT491305', type: 'fault', priority: 'low', title: 'Weekly report: no service', description: 'Row 31 of the weekly fault report.', drop: ['MAM', 4], hoursAgo: 30, steps: [] },
];
