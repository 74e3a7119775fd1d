// Demo tickets from every source in every status, created and moved through the real services on a clock that
// walks from each ticket's creation towards now, so UIDs, billing decisions, SLA targets and history are real.
import type { AppConfig } from '@/src/lib/config';
import { ManualClock } from '@/src/lib/clock';
import type { Db } from '@/src/lib/db';
import type { Logger } from '@/src/lib/logger';
import { createTicket, getTicket } from '../services/ticketService';
import { assignTicket, changeStatus } from '../services/ticketWorkflowService';
import { addNote } from '../services/ticketActivityService';
import { approveBilling, rejectBilling } from '../services/billing/approvalService';
import type { Actor, ServiceContext } from '../services/context';
import type { CreateTicketInput } from '../types/tickets';
import type { TicketPriority, TicketSource, TicketType } from '../types/enums';
import { DEMO_SCENARIOS, type DemoStep } from './demoScenarios';
import type { DemoDrop } from './demoData';

export interface TicketSeedDeps {
  db: Db;
  config: AppConfig;
  log: Logger;
  now: Date;
  /** email (lower case) -> actor */
  people: Map<string, Actor>;
  drops: DemoDrop[];
}

export interface DemoScenario {
  source: TicketSource;
  type: TicketType;
  priority: TicketPriority;
  title: string;
  description: string;
  /** [project code, drop index] or null for work with no drop. */
  drop: [string, number] | null;
  hoursAgo: number;
  reporter?: { name: string; phone?: string; email?: string };
  qcontactRef?: string;
  steps: DemoStep[];
}

const CHANNEL_ACTORS: Partial<Record<TicketSource, Actor>> = {
  qcontact: { id: null, name: 'QContact sync', role: 'system' },
  whatsapp: { id: null, name: 'WhatsApp inbox', role: 'system' },
  email: { id: null, name: 'Email inbox', role: 'system' },
  weekly_report: { id: null, name: 'Weekly report import', role: 'system' },
};

function actor(deps: TicketSeedDeps, email: string): Actor {
  const a = deps.people.get(email.toLowerCase());
  if (!a) throw new Error(`Demo user ${email} is missing: seed reference data first`);
  return a;
}

function inputFor(s: DemoScenario, deps: TicketSeedDeps, index: number): CreateTicketInput {
  const drop = s.drop ? deps.drops.filter((d) => d.projectCode === s.drop?.[0])[s.drop[1]] : undefined;
  return {
    source: s.source,
    externalId: `demo-${String(index + 1).padStart(3, '0')}`,
    qcontactRef: s.qcontactRef,
    ticketType: s.type,
    priority: s.priority,
    title: s.title,
    description: s.description,
    drNumber: drop?.drNumber ?? null,
    reporterName: s.reporter?.name ?? null,
    reporterPhone: s.reporter?.phone ?? null,
    reporterEmail: s.reporter?.email ?? null,
    address: drop ? null : 'FibreFlow depot, 14 Industry Road, Lawley',
  };
}

async function runStep(deps: TicketSeedDeps, ctxFor: (a: Actor) => ServiceContext, id: string, uid: string, step: DemoStep): Promise<void> {
  const by = actor(deps, step.by);
  const ctx = ctxFor(by);
  switch (step.do) {
    case 'assign':
      await assignTicket(ctx, { id, assignedTo: actor(deps, step.to as string).id, reason: step.text, version: (await getTicket(ctx, id)).version });
      return;
    case 'note':
      await addNote(ctx, id, { body: step.text as string, noteType: step.external ? 'external' : 'internal' });
      return;
    case 'approve':
      await approveBilling(ctx, uid, { reason: step.text });
      return;
    case 'reject':
      await rejectBilling(ctx, uid, { reason: step.text as string });
      return;
    default:
      await changeStatus(ctx, {
        id,
        status: step.do,
        reason: step.text,
        pauseReason: step.pauseReason,
        faultCause: step.faultCause,
        resolutionNotes: step.do === 'resolved' ? step.text : undefined,
      });
  }
}

/** Creates the demo tickets; returns how many. Each ticket's steps run at increasing times, never past now. */
export async function seedDemoTickets(deps: TicketSeedDeps): Promise<number> {
  const latest = deps.now.getTime() - 60_000;
  let created = 0;
  for (const [index, s] of DEMO_SCENARIOS.entries()) {
    const clock = new ManualClock(new Date(deps.now.getTime() - s.hoursAgo * 3_600_000));
    const ctxFor = (user: Actor): ServiceContext => ({ db: deps.db, user, clock, log: deps.log, config: deps.config });
    const creator = CHANNEL_ACTORS[s.source] ?? actor(deps, 'agent@fibreflow.local');
    const ticket = await createTicket(ctxFor(creator), inputFor(s, deps, index));
    created += 1;
    for (const step of s.steps) {
      clock.set(new Date(Math.min(clock.now().getTime() + step.after * 3_600_000, latest)));
      await runStep(deps, ctxFor, ticket.id, ticket.ticketUid, step);
    }
  }
  return created;
}
