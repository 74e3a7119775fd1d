// SLA pauses (issue 12 #12): a pause that starts after the due time has passed leaves that due time alone (a breached
// ticket that is blocked and unblocked stays breached at its original due time); a pause before it moves it, as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseMovesDue } from '@/src/modules/ticketing/services/sla/slaPlan';
import { slaWorld, type SlaTicket, type SlaWorld } from '../slaFixture';

let w: SlaWorld;
beforeAll(async () => {
  w = await slaWorld('2026-11-25T08:00');
});
afterAll(async () => w.close());

/** A critical fault (4 hours around the clock), assigned and in progress. */
async function working(): Promise<SlaTicket> {
  const agent = w.as(w.users.agent);
  const t = (await agent.post<SlaTicket>('tickets', { source: 'internal', ticketType: 'fault', priority: 'critical', title: 'Outage', drNumber: await w.drop() })).body.data;
  const a = await agent.post<SlaTicket>('tickets-assign', { id: t.id, version: t.version, assignedTo: w.users.technician.id });
  const p = await w.as(w.users.technician).post<SlaTicket>('tickets-status', { id: t.id, version: a.body.data.version, status: 'in_progress' });
  expect(p.body.data.status).toBe('in_progress');
  return p.body.data;
}
const status = (t: { id: string }, s: string) => w.as(w.users.technician).post<SlaTicket>('tickets-status', { id: t.id, status: s, ...(s === 'blocked' ? { pauseReason: 'parts' } : {}) });
const cron = () => fetch(`${w.server.url}/cron-sla`, { method: 'POST', headers: { 'x-cron-secret': 'test-cron-secret-0123456789' } });

describe('SLA pause after the due time', () => {
  it('keeps a breached ticket breached at its original due time through a block and unblock', async () => {
    const t = await working();
    const due = t.dueAt as string;
    w.clock.advanceMinutes(5 * 60); // one hour past due
    expect((await cron()).status).toBe(200);
    await status(t, 'blocked');
    w.clock.advanceMinutes(3 * 60);
    const back = await status(t, 'in_progress');
    expect(back.body.data.dueAt).toBe(due);
    expect(back.body.data.sla).toMatchObject({ breached: true, dueAt: due });
    const pauses = await w.rows<{ paused_business_minutes: number }>('SELECT paused_business_minutes FROM sla_pauses WHERE ticket_id = $1', [t.id]);
    expect(pauses.map((p) => p.paused_business_minutes)).toEqual([180]); // the pause is still on record for reports
  });

  it('moves the due time for a pause that starts before it, as before', async () => {
    const t = await working();
    const due = new Date(t.dueAt as string).getTime();
    w.clock.advanceMinutes(60);
    await status(t, 'blocked');
    w.clock.advanceMinutes(90);
    const back = await status(t, 'in_progress');
    expect(new Date(back.body.data.dueAt as string).getTime()).toBe(due + 90 * 60_000);
  });

  it('decides by the pause start alone', () => {
    const due = new Date('2026-11-25T12:00:00Z');
    expect(pauseMovesDue(new Date('2026-11-25T11:59:59Z'), due)).toBe(true);
    expect(pauseMovesDue(new Date('2026-11-25T12:00:00Z'), due)).toBe(false);
    expect(pauseMovesDue(new Date('2026-11-25T12:00:00Z'), null)).toBe(true);
  });
});
