// The list as people use it: created dates are local days (both inclusive), DR typed as digits, status sorts in
// workflow order, and the SLA column's first sort puts the most urgent ticket first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T {
  id: string;
  ticketUid: string;
  status: string;
  drNumber: string | null;
  dueAt: string | null;
  createdAt: string;
}

let w: TicketWorld;
const made: T[] = [];
beforeAll(async () => {
  // 23:30 in Johannesburg on 25 Nov (21:30 UTC): the next ticket, an hour later, is on 26 Nov locally but 25 Nov in UTC.
  w = await ticketWorld('2026-11-25T21:30:00Z');
  const agent = w.as(w.users.agent);
  made.push((await agent.post<T>('tickets', { source: 'internal', title: 'Late on the 25th', priority: 'low' })).body.data);
  w.clock.advanceMinutes(60);
  made.push((await agent.post<T>('tickets', { source: 'internal', title: 'Early on the 26th', priority: 'critical' })).body.data);
  w.clock.advanceMinutes(5);
  made.push((await agent.post<T>('tickets', { source: 'internal', title: 'Assigned', priority: 'medium', assignedTo: w.users.technician.id })).body.data);
});
afterAll(async () => w.close());

const uids = async (query: string) => {
  const res = await w.as(w.users.agent).get<T[]>(`tickets?limit=200&${query}`);
  expect(res.status, query).toBe(200);
  return res.body.data.map((t) => t.ticketUid);
};

describe('the ticket list as people use it', () => {
  it('reads "created from / to" as local days, both inclusive: one day shows exactly that day', async () => {
    expect(await uids('createdFrom=2026-11-25&createdTo=2026-11-25')).toEqual([made[0].ticketUid]);
    expect(await uids('createdFrom=2026-11-26&createdTo=2026-11-26')).toEqual([made[2].ticketUid, made[1].ticketUid]);
    expect((await uids('createdTo=2026-11-24')).length).toBe(0);
  });

  it('accepts a DR typed as just its digits, on the list filter and on a new ticket', async () => {
    const drop = await w.drop();
    const created = await w.as(w.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'Digits only', drNumber: drop.slice(2) });
    expect(created.status).toBe(201);
    expect(created.body.data.drNumber).toBe(drop);
    expect(await uids(`dr=${drop.slice(2, 6)}`)).toEqual([created.body.data.ticketUid]);
  });

  it('sorts status in workflow order, not alphabetically', async () => {
    const res = await w.as(w.users.agent).get<T[]>('tickets?limit=200&sort=status&order=asc');
    const statuses = res.body.data.map((t) => t.status);
    const order = ['pending_approval', 'new', 'triaged', 'assigned', 'in_progress', 'blocked', 'resolved', 'closed', 'cancelled'];
    expect(statuses).toEqual([...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    // Alphabetically "new" comes before "pending_approval"; in the workflow approval comes first.
    expect(statuses).toContain('new');
    expect(statuses.indexOf('pending_approval')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('pending_approval')).toBeLessThan(statuses.indexOf('new'));
    // Paging by the workflow rank hands out a cursor the next page accepts.
    const page = await w.as(w.users.agent).get<T[]>('tickets?limit=1&sort=status&order=asc');
    const next = await w.as(w.users.agent).get<T[]>(`tickets?limit=1&sort=status&order=asc&cursor=${page.body.meta.nextCursor as string}`);
    expect(next.status).toBe(200);
  });

  it('puts the soonest resolution due first when the SLA column sorts ascending', async () => {
    const res = await w.as(w.users.agent).get<T[]>('tickets?limit=200&sort=due_at&order=asc');
    const due = res.body.data.map((t) => t.dueAt ?? '9999');
    expect(due).toEqual([...due].sort());
  });
});
