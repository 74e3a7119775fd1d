// The technician's arrival time over HTTP: set and cleared by the assigned technician (tickets-eta), agents and managers
// (also through PATCH tickets-detail); refused for other roles, other technicians' tickets, bad values and out-of-range
// times, changing nothing; every change in the history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface T { id: string; ticketUid: string; etaAt: string | null; version: number; title: string }
interface H { action: string; field: string | null; oldValue: string | null; newValue: string | null; actorName: string | null }

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld(); // the clock stands at 2026-11-25T08:30:00Z (10:30 in Johannesburg)
});
afterAll(async () => w.close());

async function newTicket(assignedTo: string | null = null): Promise<T> {
  const res = await w.as(w.users.agent).post<T>('tickets', { source: 'whatsapp', title: 'No signal', drNumber: await w.drop(), assignedTo });
  expect(res.status).toBe(201);
  return res.body.data;
}

const read = async (id: string): Promise<T> => (await w.as(w.users.agent).get<T>(`tickets-detail?id=${id}`)).body.data;
const etaHistory = async (id: string): Promise<H[]> =>
  (await w.as(w.users.agent).get<{ history: H[] }>(`tickets-history?id=${id}`)).body.data.history.filter((h) => h.field === 'etaAt');

describe('setting and clearing the arrival time', () => {
  it('lets the assigned technician set it in South African time, stores the instant, and writes the change to history', async () => {
    const t = await newTicket(w.users.technician.id);
    const tech = w.as(w.users.technician);
    const set = await tech.patch<T>(`tickets-eta?id=${t.ticketUid}`, { etaAt: '2026-11-25T14:30:00+02:00', version: t.version });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ etaAt: '2026-11-25T12:30:00.000Z', version: t.version + 1 });
    expect((await tech.get<T>(`tickets-detail?id=${t.id}`)).body.data.etaAt).toBe('2026-11-25T12:30:00.000Z');

    const cleared = await tech.patch<T>(`tickets-eta?id=${t.id}`, { etaAt: null, version: t.version + 1 });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.etaAt).toBeNull();
    expect(await etaHistory(t.id)).toEqual([
      expect.objectContaining({ action: 'updated', oldValue: null, newValue: '2026-11-25T12:30:00.000Z', actorName: w.users.technician.name }),
      expect.objectContaining({ action: 'updated', oldValue: '2026-11-25T12:30:00.000Z', newValue: null, actorName: w.users.technician.name }),
    ]);
  });

  it('lets agents and managers set it on any ticket, through tickets-eta or with other fields in PATCH tickets-detail', async () => {
    const t = await newTicket();
    const byAgent = await w.as(w.users.agent).patch<T>(`tickets-detail?id=${t.id}`, { version: t.version, title: 'No signal, pole down', etaAt: '2026-11-26T08:00:00Z' });
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.data).toMatchObject({ title: 'No signal, pole down', etaAt: '2026-11-26T08:00:00.000Z' });
    const byManager = await w.as(w.users.manager).patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2026-11-27T09:15:00+02:00', version: byAgent.body.data.version });
    expect(byManager.status).toBe(200);
    expect(byManager.body.data.etaAt).toBe('2026-11-27T07:15:00.000Z');
    expect((await etaHistory(t.id)).map((h) => [h.oldValue, h.newValue])).toEqual([
      [null, '2026-11-26T08:00:00.000Z'], ['2026-11-26T08:00:00.000Z', '2026-11-27T07:15:00.000Z'],
    ]);
  });

  it('writes nothing when the same instant is sent again in another offset', async () => {
    const t = await newTicket();
    const set = (await w.as(w.users.agent).patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2026-11-26T10:00:00+02:00', version: t.version })).body.data;
    const again = await w.as(w.users.agent).patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2026-11-26T08:00:00Z', version: set.version });
    expect(again.status).toBe(200);
    expect(again.body.data.version).toBe(set.version);
    expect(await etaHistory(t.id)).toHaveLength(1);
  });
});

describe('who may not', () => {
  it('hides another technician’s ticket (404), keeps technicians off the general edit (403), and refuses finance (403)', async () => {
    const theirs = await newTicket(w.users.tech2.id);
    const mine = await newTicket(w.users.technician.id);
    const tech = w.as(w.users.technician);
    expect((await tech.patch(`tickets-eta?id=${theirs.id}`, { etaAt: '2026-11-26T08:00:00Z', version: theirs.version })).status).toBe(404);
    expect((await tech.patch(`tickets-detail?id=${mine.id}`, { etaAt: '2026-11-26T08:00:00Z', version: mine.version })).status).toBe(403);
    expect((await w.as(w.users.finance).patch(`tickets-eta?id=${mine.id}`, { etaAt: '2026-11-26T08:00:00Z', version: mine.version })).status).toBe(403);
    expect((await read(theirs.id)).etaAt).toBeNull();
    expect((await read(mine.id)).etaAt).toBeNull();
  });
});

describe('refused values', () => {
  it.each([
    ['a word', { etaAt: 'tomorrow morning' }],
    ['a time without its offset', { etaAt: '2026-11-26T08:00:00' }],
    ['a date alone', { etaAt: '2026-11-26' }],
    ['a number', { etaAt: 1764140400000 }],
    ['no version', { etaAt: '2026-11-26T08:00:00Z', version: undefined }],
    ['another field', { etaAt: '2026-11-26T08:00:00Z', title: 'Changed' }],
  ])('answers 400 in the envelope for %s, changing nothing', async (_name, body) => {
    const t = await newTicket(w.users.technician.id);
    const res = await w.as(w.users.technician).patch(`tickets-eta?id=${t.id}`, { version: t.version, ...body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    expect(await read(t.id)).toMatchObject({ etaAt: null, version: t.version });
  });

  it.each([
    ['in the past', '2026-11-25T08:00:00Z', 'The arrival time is in the past: pick a time from now on'],
    ['more than 60 days ahead', '2027-01-24T08:30:01Z', 'The arrival time is more than 60 days ahead: pick a nearer time'],
  ])('refuses a time %s with a message for people, on both routes, writing no history', async (_name, etaAt, message) => {
    const t = await newTicket(w.users.technician.id);
    for (const [who, route] of [[w.users.technician, 'tickets-eta'], [w.users.agent, 'tickets-detail']] as const) {
      const res = await w.as(who).patch(`${route}?id=${t.id}`, { etaAt, version: t.version });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message, details: { fields: [{ field: 'etaAt', message }] } });
    }
    expect(await read(t.id)).toMatchObject({ etaAt: null, version: t.version });
    expect(await etaHistory(t.id)).toEqual([]);
  });

  it('accepts the edges: a few minutes ago (a time picked to the minute) and exactly 60 days ahead', async () => {
    const t = await newTicket(w.users.technician.id);
    const tech = w.as(w.users.technician);
    const recent = await tech.patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2026-11-25T10:27:00+02:00', version: t.version });
    expect(recent.status).toBe(200);
    const far = await tech.patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2027-01-24T08:30:00Z', version: recent.body.data.version });
    expect(far.status).toBe(200);
    expect(far.body.data.etaAt).toBe('2027-01-24T08:30:00.000Z');
  });

  it('refuses a stale version with 409, and lets other edits through once the arrival time has passed', async () => {
    const t = await newTicket(w.users.technician.id);
    const tech = w.as(w.users.technician);
    const set = (await tech.patch<T>(`tickets-eta?id=${t.id}`, { etaAt: '2026-11-25T09:00:00Z', version: t.version })).body.data;
    expect((await tech.patch(`tickets-eta?id=${t.id}`, { etaAt: null, version: t.version })).status).toBe(409);
    w.clock.advanceMinutes(120); // the technician is late: the stored ETA is now in the past
    const edit = await w.as(w.users.agent).patch<T>(`tickets-detail?id=${t.id}`, { version: set.version, title: 'Late visit', etaAt: set.etaAt });
    expect(edit.status).toBe(200);
    expect(edit.body.data).toMatchObject({ title: 'Late visit', etaAt: '2026-11-25T09:00:00.000Z' });
    expect(await etaHistory(t.id)).toHaveLength(1);
  });
});
