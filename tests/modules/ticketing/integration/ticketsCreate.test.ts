// Creating tickets over HTTP: UIDs per source, validation, duplicates, roles, and 100 concurrent creates per drop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../../../helpers/factories';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T {
  id: string;
  ticketUid: string;
  status: string;
  projectId: string | null;
  clientId: string | null;
  address: string | null;
  tags: string[];
  sla: { state: string };
  version: number;
}

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

describe('POST tickets', () => {
  it('gives each source its own UID format and fills project, client and address from the drop', async () => {
    const dr = await w.drop();
    const agent = w.as(w.users.agent);
    const wa = await agent.post<T>('tickets', { source: 'whatsapp', title: 'No light on ONT', drNumber: dr });
    expect(wa.status).toBe(201);
    expect(wa.body.data.ticketUid).toBe(`${dr}-1`);
    expect(wa.body.data).toMatchObject({ projectId: w.projectId, clientId: w.clientId, address: '12 Test Street, Lawley' });
    expect(wa.body.data.sla.state).toBeDefined();
    const out = await agent.post<T>('tickets', { source: 'whatsapp_outbound', title: 'Follow-up', drNumber: dr });
    const con = await agent.post<T>('tickets', { source: 'construction', title: 'Snag: pole', drNumber: dr.toLowerCase() });
    expect([out.body.data.ticketUid, con.body.data.ticketUid]).toEqual([`${dr}-2`, `${dr}-3`]);
    const ft = await agent.post<T>('tickets', { source: 'qcontact', title: 'Connection issue', qcontactRef: 'FT490441', drNumber: dr });
    expect(ft.body.data.ticketUid).toBe('FT490441');
    const eml = await agent.post<T>('tickets', { source: 'email', title: 'Mail' , drNumber: dr});
    const ff = await agent.post<T>('tickets', { source: 'internal', title: 'Internal', drNumber: dr });
    const ah = await agent.post<T>('tickets', { source: 'adhoc', title: 'Ad hoc', drNumber: dr });
    expect(eml.body.data.ticketUid).toMatch(/^EML-\d{6}$/);
    expect(ff.body.data.ticketUid).toMatch(/^FF-\d{6}$/);
    expect(ah.body.data.ticketUid).toMatch(/^AH-\d{6}$/);
    const ah2 = await agent.post<T>('tickets', { source: 'adhoc', title: 'Ad hoc 2', drNumber: dr });
    expect(Number(ah2.body.data.ticketUid.slice(3))).toBe(Number(ah.body.data.ticketUid.slice(3)) + 1);
  });

  it('refuses a second ticket for the same QContact case with 409 and makes no row', async () => {
    const dr = await w.drop();
    const agent = w.as(w.users.agent);
    expect((await agent.post('tickets', { source: 'qcontact', title: 'A', qcontactRef: '657323', drNumber: dr })).status).toBe(201);
    const before = await w.count('SELECT count(*)::int AS n FROM tickets');
    const again = await agent.post('tickets', { source: 'qcontact', title: 'A again', qcontactRef: 'FT657323', drNumber: dr });
    expect(again.status).toBe(409);
    expect(again.body.error?.details).toMatchObject({ ticketUid: 'FT657323' });
    expect(await w.count('SELECT count(*)::int AS n FROM tickets')).toBe(before);
  });

  it('refuses the same external id from one source twice', async () => {
    const dr = await w.drop();
    const agent = w.as(w.users.agent);
    const body = { source: 'whatsapp', title: 'Msg', drNumber: dr, externalId: 'wamid.ABC123' };
    expect((await agent.post('tickets', body)).status).toBe(201);
    expect((await agent.post('tickets', body)).status).toBe(409);
  });

  it('answers 400 with field details for bad input and changes nothing', async () => {
    const agent = w.as(w.users.agent);
    const before = await w.count('SELECT count(*)::int AS n FROM tickets');
    const cases: [unknown, string][] = [
      [{ source: 'whatsapp', title: 'x' }, 'drNumber'],
      [{ source: 'qcontact', title: 'x' }, 'qcontactRef'],
      [{ source: 'internal', title: '' }, 'title'],
      [{ source: 'fax', title: 'x' }, 'source'],
      [{ source: 'internal', title: 'x', drNumber: 'DR12' }, 'drNumber'],
      [{ source: 'internal', title: 'x', priority: 'urgent' }, 'priority'],
      [{ source: 'internal', title: 'x', reporterEmail: 'nope' }, 'reporterEmail'],
      [{ source: 'internal', title: 'x', surprise: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await agent.post('tickets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_ERROR');
      if (field) {
        const fields = (res.body.error?.details as { fields: { field: string }[] }).fields.map((f) => f.field);
        expect(fields).toContain(field);
      }
    }
    expect(await w.count('SELECT count(*)::int AS n FROM tickets')).toBe(before);
  });

  it('answers 422 for an unknown project, a project of another client and a finance assignee', async () => {
    const agent = w.as(w.users.agent);
    const unknown = await agent.post('tickets', { source: 'internal', title: 'x', projectId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    const other = await agent.post('tickets', { source: 'internal', title: 'x', projectId: w.projectId, clientId: '00000000-0000-4000-8000-000000000001' });
    expect(other.status).toBe(422);
    const fin = await agent.post('tickets', { source: 'internal', title: 'x', drNumber: await w.drop(), assignedTo: w.users.finance.id });
    expect(fin.status).toBe(422);
    const elsewhere = await makeProject(w.tdb.db, { name: 'Mamelodi' });
    const mismatch = await agent.post('tickets', { source: 'internal', title: 'x', drNumber: await w.drop(), projectId: elsewhere.id });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error?.details).toEqual({ field: 'projectId' });
    const noClient = await agent.post('tickets', { source: 'internal', title: 'x', clientId: '00000000-0000-4000-8000-000000000002' });
    expect(noClient.status).toBe(422);
    expect(noClient.body.error?.details).toEqual({ field: 'clientId' });
    const clientOnly = await agent.post<T>('tickets', { source: 'adhoc', title: 'Client-wide job', clientId: w.clientId });
    expect(clientOnly.status).toBe(201);
    expect(clientOnly.body.data).toMatchObject({ clientId: w.clientId, projectId: null });
  });

  it('refuses callers without the right: 401 anonymous, 403 technician and finance, 403 weekly_report for an agent', async () => {
    const body = { source: 'internal', title: 'x', drNumber: await w.drop() };
    expect((await w.as({ ...w.users.agent, token: '' }).post('tickets', body)).status).toBe(401);
    expect((await w.as(w.users.technician).post('tickets', body)).status).toBe(403);
    expect((await w.as(w.users.finance).post('tickets', body)).status).toBe(403);
    const wr = await w.as(w.users.agent).post('tickets', { source: 'weekly_report', title: 'x', drNumber: await w.drop() });
    expect(wr.status).toBe(403);
    const admin = await w.as(w.users.admin).post<T>('tickets', { source: 'weekly_report', title: 'x', qcontactRef: '700001' });
    expect(admin.body.data.ticketUid).toBe('FT700001');
  });

  it('starts assigned when created with an assignee, and records the assignment', async () => {
    const res = await w.as(w.users.agent).post<T>('tickets', {
      source: 'construction', title: 'Snag', drNumber: await w.drop(), assignedTo: w.users.technician.id, tags: ['pole', 'urgent-fix'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('assigned');
    expect(res.body.data.tags).toEqual(['pole', 'urgent-fix']);
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_assignment_history WHERE ticket_id = $1', [res.body.data.id])).toBe(1);
  });

  it('gives 100 concurrent creates for one drop 100 distinct consecutive sequence numbers', async () => {
    const dr = await w.drop();
    const agent = w.as(w.users.agent);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => agent.post<T>('tickets', { source: i % 2 ? 'whatsapp' : 'construction', title: `Burst ${i}`, drNumber: dr })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(201));
    const seqs = results.map((r) => Number(r.body.data.ticketUid.split('-')[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});
