// The ticket list over HTTP: every filter, free-text search, sorting and keyset paging without gaps or repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDrop, makeProject } from '../../../helpers/factories';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T {
  id: string;
  ticketUid: string;
  priority: string;
  status: string;
  source: string;
  createdAt: string;
}

let w: TicketWorld;
const made: T[] = [];
let otherProject: string;

beforeAll(async () => {
  w = await ticketWorld();
  const agent = w.as(w.users.agent);
  const p2 = await makeProject(w.tdb.db, { name: 'Mohadin' });
  otherProject = p2.id;
  const installed = new Date(w.clock.now().getTime() - 5 * 86_400_000).toISOString().slice(0, 10);
  const mohadinDrop = (await makeDrop(w.tdb.db, { projectId: p2.id, installDate: installed, drNumber: 'DR1748392' })).drNumber;
  const priorities = ['low', 'medium', 'high', 'critical'];
  const sources = ['whatsapp', 'construction', 'internal', 'email', 'adhoc'];
  for (let i = 0; i < 25; i++) {
    w.clock.advanceMinutes(7);
    const dr = i === 3 ? mohadinDrop : await w.drop();
    const res = await agent.post<T>('tickets', {
      source: sources[i % 5], title: i === 11 ? 'Gizzu mini-UPS not charging' : `Fault number ${i}`, drNumber: dr,
      priority: priorities[i % 4], ticketType: i % 6 === 0 ? 'maintenance' : 'fault',
      assignedTo: i % 3 === 0 ? w.users.technician.id : undefined, tags: i % 5 === 0 ? ['lawley-east'] : undefined,
    });
    made.push(res.body.data);
  }
});
afterAll(async () => w.close());

async function ids(query: string): Promise<string[]> {
  const res = await w.as(w.users.agent).get<T[]>(`tickets?limit=200&${query}`);
  expect(res.status, query).toBe(200);
  return res.body.data.map((t) => t.ticketUid);
}

describe('GET tickets', () => {
  it('lists newest first by default', async () => {
    const all = await ids('');
    expect(all).toEqual([...made].reverse().map((t) => t.ticketUid));
  });

  it('filters by status, priority, source, type, assignee, DR, project, tag, created range and search', async () => {
    expect(await ids('priority=critical')).toEqual(made.filter((_, i) => i % 4 === 3).reverse().map((t) => t.ticketUid));
    expect((await ids('priority=low,high')).length).toBe(made.filter((_, i) => i % 4 === 0 || i % 4 === 2).length);
    expect((await ids('source=email&source=adhoc')).length).toBe(10);
    expect((await ids('type=maintenance')).length).toBe(5);
    expect((await ids(`assignee=${w.users.technician.id}`)).length).toBe(9);
    expect((await ids('assignee=unassigned')).length).toBe(16);
    expect((await ids('status=assigned')).length).toBe(9);
    expect(await ids('dr=DR1748392')).toEqual([made[3].ticketUid]);
    expect(await ids(`project=${otherProject}`)).toEqual([made[3].ticketUid]);
    expect((await ids(`client=${w.clientId}`)).length).toBe(24);
    expect((await ids('tag=lawley-east')).length).toBe(5);
    expect(await ids('q=gizzu')).toEqual([made[11].ticketUid]);
    expect(await ids(`q=${made[7].ticketUid.toLowerCase()}`)).toEqual([made[7].ticketUid]);
    expect(await ids('q=100%25')).toEqual([]);
    const from = made[20].createdAt;
    expect((await ids(`createdFrom=${encodeURIComponent(from)}`)).length).toBe(5);
    expect((await ids(`createdTo=${encodeURIComponent(from)}`)).length).toBe(20);
    expect((await ids('slaState=none,on_track,paused,warning,escalated,breached,met')).length).toBe(25);
    expect((await ids('billingType=billable')).length).toBe(made.filter(() => false).length);
  });

  it('lets assignee=me stand for the caller', async () => {
    const res = await w.as(w.users.technician).get<T[]>('tickets?assignee=me&limit=200');
    expect(res.body.data).toHaveLength(9);
  });

  it('pages with a keyset cursor: every ticket exactly once, in order, for each sort', async () => {
    for (const sort of ['created_at', 'updated_at', 'priority', 'due_at', 'ticket_uid', 'status']) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const q: string = `tickets?limit=4&sort=${sort}&order=${order}${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await w.as(w.users.agent).get<T[]>(q);
          seen.push(...res.body.data.map((t) => t.ticketUid));
          cursor = res.body.meta.nextCursor as string | null;
          pages += 1;
        } while (cursor && pages < 20);
        expect(seen, `${sort} ${order}`).toHaveLength(25);
        expect(new Set(seen).size).toBe(25);
      }
    }
    const byPriority = await w.as(w.users.agent).get<T[]>('tickets?sort=priority&order=desc&limit=7');
    expect(byPriority.body.data.every((t) => t.priority === 'critical')).toBe(false);
    expect(byPriority.body.data[0].priority).toBe('critical');
  });

  it('rejects bad filters with 400 naming the field', async () => {
    for (const [q, field] of [['priority=urgent', 'priority'], ['limit=0', 'limit'], ['sort=title', 'sort'], ['cursor=garbage', 'cursor'], ['assignee=bob', 'assignee'], ['createdFrom=yesterday', 'createdFrom'], ['nope=1', '']]) {
      const res = await w.as(w.users.agent).get(`tickets?${q}`);
      expect(res.status, q).toBe(400);
      if (field) expect(JSON.stringify(res.body.error?.details)).toContain(`"field":"${field}`);
    }
  });
});
