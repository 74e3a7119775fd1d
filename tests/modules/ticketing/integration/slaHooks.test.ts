// The SLA lifecycle hooks at their edges, called the way the ticket services call them (inside a transaction):
// unknown tickets, tickets without targets, a resume with no open pause, repeated and inbound notes, late answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootLogger } from '@/src/lib/logger';
import type { Actor, ServiceContext } from '@/src/modules/ticketing/services/context';
import { SYSTEM_ACTOR } from '@/src/modules/ticketing/services/context';
import { slaHooks } from '@/src/modules/ticketing/services/sla/ticketSlaHooks';
import { attachSlaViews } from '@/src/modules/ticketing/services/sla/slaView';
import type { NoteEvent, StatusChangeEvent } from '@/src/modules/ticketing/services/lifecycle';
import { slaWorld, type SlaTicket, type SlaWorld } from './slaFixture';

let w: SlaWorld;
beforeAll(async () => {
  w = await slaWorld('2026-11-25T08:00');
});
afterAll(async () => w.close());

const ctx = (user: Actor): ServiceContext => ({ db: w.tdb.db, user, clock: w.clock, log: rootLogger().child({ test: 'sla-hooks' }), config: w.server.config });
const agent = (): Actor => ({ id: w.users.agent.id, name: w.users.agent.name, role: 'agent' });
const statusEvent = (id: string, e: StatusChangeEvent, user: Actor = agent()) =>
  w.tdb.db.transaction((tx) => (slaHooks.onStatusChanged as NonNullable<typeof slaHooks.onStatusChanged>)(tx, ctx(user), { id } as never, e));
const noteEvent = (id: string, e: Partial<NoteEvent>, user: Actor = agent()) =>
  w.tdb.db.transaction((tx) => (slaHooks.onNoteAdded as NonNullable<typeof slaHooks.onNoteAdded>)(tx, ctx(user), { id } as never, { noteType: 'external', channel: 'web', createdAt: w.clock.now(), ...e }));
const row = async (id: string) =>
  (await w.rows<{ sla_paused: boolean; due_at: Date | null; first_responded_at: Date | null; first_response_breached_at: Date | null; sla_next_check_at: Date | null }>(
    'SELECT sla_paused, due_at, first_responded_at, first_response_breached_at, sla_next_check_at FROM tickets WHERE id = $1', [id]))[0];
async function create(body: Record<string, unknown>): Promise<SlaTicket> {
  const r = await w.as(w.users.agent).post<SlaTicket>('tickets', { source: 'whatsapp', ticketType: 'fault', title: 'Fault', drNumber: await w.drop(), ...body });
  expect(r.status).toBe(201);
  return r.body.data;
}

describe('SLA hooks at the edges', () => {
  it('ignores a ticket it cannot find', async () => {
    const ghost = '00000000-0000-4000-8000-00000000dead';
    await statusEvent(ghost, { from: 'in_progress', to: 'blocked' });
    await noteEvent(ghost, {});
    expect(await w.rows('SELECT id FROM sla_pauses WHERE ticket_id = $1', [ghost])).toEqual([]);
  });

  it('records pauses of a ticket without targets, with reason other when none is given, on the business calendar', async () => {
    await w.tdb.db.query("UPDATE sla_configs SET active = false WHERE ticket_type = 'other' AND priority = 'low'");
    const t = await create({ ticketType: 'other', priority: 'low' });
    expect(t.sla.state).toBe('none');
    w.clock.set(w.at('2026-11-25T16:00'));
    await statusEvent(t.id, { from: 'in_progress', to: 'blocked' });
    w.clock.set(w.at('2026-11-26T09:00'));
    await statusEvent(t.id, { from: 'blocked', to: 'in_progress' });
    // Wed 16-17 + Thu 08-09 = 120 business minutes
    expect(await w.rows('SELECT reason, paused_business_minutes FROM sla_pauses WHERE ticket_id = $1', [t.id])).toEqual([{ reason: 'other', paused_business_minutes: 120 }]);
    expect(await row(t.id)).toMatchObject({ sla_paused: false, due_at: null, sla_next_check_at: null });
    // an answer on a ticket without targets is recorded, and is on time by definition
    await noteEvent(t.id, {});
    expect((await row(t.id)).first_responded_at).toEqual(w.at('2026-11-26T09:00'));
    expect(await attachSlaViews(w.tdb.db, [], w.clock.now())).toEqual([]);
    await w.tdb.db.query("UPDATE sla_configs SET active = true WHERE ticket_type = 'other' AND priority = 'low'");
  });

  it('resumes cleanly when no pause is open, and does not pause twice', async () => {
    w.clock.set(w.at('2026-11-26T09:00'));
    const t = await create({ priority: 'high' });
    await statusEvent(t.id, { from: 'blocked', to: 'in_progress' });
    expect(await row(t.id)).toMatchObject({ sla_paused: false, due_at: new Date(t.dueAt as string) });
    await statusEvent(t.id, { from: 'in_progress', to: 'blocked', pauseReason: 'made-up' });
    w.clock.set(w.at('2026-11-26T09:30'));
    await statusEvent(t.id, { from: 'triaged', to: 'blocked', pauseReason: 'permit' });
    expect(await w.rows('SELECT reason FROM sla_pauses WHERE ticket_id = $1', [t.id])).toEqual([{ reason: 'other' }]);
    const [paused] = await w.rows<{ sla_paused_at: Date }>('SELECT sla_paused_at FROM tickets WHERE id = $1', [t.id]);
    expect(paused.sla_paused_at).toEqual(w.at('2026-11-26T09:00'));
  });

  it('takes only the first answer of a person as the first response, and marks a late one breached at its due time', async () => {
    w.clock.set(w.at('2026-11-26T08:00'));
    const t = await create({ priority: 'high' });
    // response due Thu 10:00; the customer's own message (recorded by the system) and an internal web note do not count
    w.clock.set(w.at('2026-11-26T09:00'));
    await noteEvent(t.id, { channel: 'whatsapp' }, SYSTEM_ACTOR);
    await noteEvent(t.id, { noteType: 'internal' });
    expect((await row(t.id)).first_responded_at).toBeNull();
    w.clock.set(w.at('2026-11-26T10:30'));
    await noteEvent(t.id, { noteType: 'internal', channel: 'whatsapp' });
    expect(await row(t.id)).toMatchObject({ first_responded_at: w.at('2026-11-26T10:30'), first_response_breached_at: w.at('2026-11-26T10:00') });
    w.clock.set(w.at('2026-11-26T11:00'));
    await noteEvent(t.id, {});
    expect((await row(t.id)).first_responded_at).toEqual(w.at('2026-11-26T10:30'));
    const d = (await w.as(w.users.agent).get<SlaTicket>(`tickets-detail?id=${t.id}`)).body.data;
    // answered 150 minutes into a 120-minute target
    expect(d.sla).toMatchObject({ state: 'breached', responsePercentElapsed: 125, breachedAt: w.at('2026-11-26T10:00').toISOString() });
  });
});
