// tickets-assign requires the version (issue 12 #10): 20 parallel assignments from the same read, exactly one wins and
// the others get 409 with the current version; a request without a version is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../helpers/factories';
import { ticketWorld, type TicketWorld } from '../ticketFixture';

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

describe('tickets-assign version', () => {
  it('refuses an assignment without a version with 400 and changes nothing', async () => {
    const t = (await w.as(w.users.agent).post<{ id: string; version: number }>('tickets', { source: 'internal', title: 'No version' })).body.data;
    const res = await w.as(w.users.agent).post('tickets-assign', { id: t.id, assignedTo: w.users.technician.id });
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toMatchObject({ fields: [expect.objectContaining({ field: 'version' })] });
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_assignment_history WHERE ticket_id = $1', [t.id])).toBe(0);
  });

  it('lets exactly one of 20 parallel assignments from the same version win; the rest get 409 with the current version', async () => {
    const t = (await w.as(w.users.agent).post<{ id: string; version: number }>('tickets', { source: 'internal', title: 'Race' })).body.data;
    const techs = await Promise.all(Array.from({ length: 20 }, () => makeUser(w.tdb.db, { role: 'technician' })));
    const results = await Promise.all(techs.map((u) => w.as(w.users.manager).post<{ assignedTo: string; version: number }>('tickets-assign', { id: t.id, assignedTo: u.id, version: t.version })));
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const current = (await w.as(w.users.agent).get<{ assignedTo: string; version: number }>(`tickets-detail?id=${t.id}`)).body.data;
    expect(current.assignedTo).toBe(won[0].body.data.assignedTo);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error?.details).toMatchObject({ currentVersion: current.version });
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_assignment_history WHERE ticket_id = $1', [t.id])).toBe(1);
  });
});
