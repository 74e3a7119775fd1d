// Demo data for the network features: one pole with repeated faults (and its infrastructure ticket) and one mass
// incident whose children are customers' WhatsApp faults. Made through the services, like the other demo tickets.
import { ManualClock } from '@/src/lib/clock';
import type { Actor, ServiceContext } from '../services/context';
import { editDrop } from '../services/network/dropRegisterService';
import { linkIncidentChildren } from '../services/network/massIncidentService';
import { processRepeatFaultQueue } from '../services/network/repeatFaultService';
import { addNote } from '../services/ticketActivityService';
import { createTicket } from '../services/ticketService';
import type { TicketSeedDeps } from './demoTickets';

/** The pole three Mohadin drops hang from in the demo, where the repeat-fault rule fires. */
export const DEMO_HOT_POLE = 'MOH.P.A101';

export async function seedDemoNetwork(deps: TicketSeedDeps, agent: Actor, manager: Actor): Promise<number> {
  const clock = new ManualClock(new Date(deps.now.getTime() - 6 * 3_600_000));
  const ctx = (user: Actor): ServiceContext => ({ db: deps.db, config: deps.config, log: deps.log, clock, user });
  const moh = deps.drops.filter((d) => d.projectCode === 'MOH').slice(0, 3);
  const law = deps.drops.filter((d) => d.projectCode === 'LAW').slice(4, 7);
  let n = 0;
  // Three neighbouring drops share a pole; three faults there in a few hours open the infrastructure ticket.
  for (const d of moh) await editDrop(ctx(manager), d.drNumber, { poleNumber: DEMO_HOT_POLE });
  for (const [i, d] of moh.entries()) {
    clock.advanceMinutes(40);
    await createTicket(ctx(agent), {
      source: 'whatsapp', externalId: `demo-net-pole-${i + 1}`, ticketType: 'fault', priority: 'medium', drNumber: d.drNumber,
      title: 'No internet, red LOS light', description: 'Customer reports the ONT shows a red LOS light since this morning.',
      reporterName: ['Lerato M.', 'Pieter V.', 'Nomsa K.'][i], reporterPhone: `+2782555010${i}`,
    });
    n += 1;
  }
  await processRepeatFaultQueue({ db: deps.db, config: deps.config, log: deps.log, clock });
  // A feeder cut takes out several Lawley homes: one parent, three children, one update to the customers.
  clock.advanceMinutes(30);
  const parent = await createTicket(ctx(manager), {
    source: 'internal', externalId: 'demo-net-incident', ticketType: 'fault', priority: 'critical',
    title: 'Feeder cable cut on Tulip Street, Lawley', description: 'Contractor dug through the feeder; all drops on the street are down.',
  });
  n += 1;
  const children: string[] = [];
  for (const [i, d] of law.entries()) {
    clock.advanceMinutes(5);
    const t = await createTicket(ctx(agent), {
      source: 'whatsapp', externalId: `demo-net-child-${i + 1}`, ticketType: 'fault', priority: 'high', drNumber: d.drNumber,
      title: 'Internet down', reporterName: ['Thabo S.', 'Anna B.', 'Sipho N.'][i], reporterPhone: `+2782555020${i}`,
    });
    children.push(t.id);
    n += 1;
  }
  clock.advanceMinutes(10);
  await linkIncidentChildren(ctx(manager), parent.id, children);
  await addNote(ctx(manager), parent.id, { noteType: 'external', body: 'A cable was cut on Tulip Street; our team is on site and expects to restore service this afternoon.' });
  return n;
}
