// A deleted ticket's QContact reference (issue 12 #9). Decision: a deleted ticket no longer holds its reference; a new
// ticket may be created for it, and no answer ever names the invisible ticket's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from '../ticketFixture';

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

interface T { id: string; ticketUid: string }

describe('a deleted ticket and its QContact reference', () => {
  it('allows a new ticket for the reference, never leaks the deleted id, and reads resolve to the live ticket', async () => {
    const agent = w.as(w.users.agent);
    const first = await agent.post<T>('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'From the call centre' });
    expect(first.status).toBe(201);
    expect(first.body.data.ticketUid).toBe('FT490441');
    const dup = await agent.post('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'Again' });
    expect(dup.status).toBe(409); // a live ticket is visible, so naming it is fine
    expect((await w.as(w.users.admin).del(`tickets-detail?id=${first.body.data.id}`)).status).toBe(200);
    expect((await agent.get(`tickets-detail?id=FT490441`)).status).toBe(404);

    const again = await agent.post<T>('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'Reported again' });
    expect(again.status).toBe(201);
    expect(JSON.stringify(again.body)).not.toContain(first.body.data.id);
    expect(again.body.data).toMatchObject({ ticketUid: 'FT490441' });
    expect(again.body.data.id).not.toBe(first.body.data.id);
    const read = await agent.get<T>('tickets-detail?id=FT490441');
    expect(read.body.data.id).toBe(again.body.data.id);
    // A third live one is refused without the deleted id anywhere in the answer.
    const third = await agent.post('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'Third' });
    expect(third.status).toBe(409);
    expect(JSON.stringify(third.body)).not.toContain(first.body.data.id);
  });

  it('allows a reused external id of another source too, once its ticket is deleted', async () => {
    const agent = w.as(w.users.agent);
    const a = await agent.post<T>('tickets', { source: 'email', externalId: '<msg-1@example.com>', title: 'Mail' });
    expect(a.status).toBe(201);
    await w.as(w.users.admin).del(`tickets-detail?id=${a.body.data.id}`);
    const b = await agent.post<T>('tickets', { source: 'email', externalId: '<msg-1@example.com>', title: 'Mail again' });
    expect(b.status).toBe(201);
    expect(JSON.stringify(b.body)).not.toContain(a.body.data.id);
  });
});
