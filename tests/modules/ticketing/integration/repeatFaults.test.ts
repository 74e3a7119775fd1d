// Repeat faults over HTTP: thresholds per drop/pole/PON/zone open one infrastructure ticket per element (also under
// concurrent creates), link the faults, notify managers, and list the element as hot until the ticket is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDrop } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { ticketWorld, type TicketWorld } from './ticketFixture';

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
});
afterAll(async () => w.close());

interface Hot {
  kind: string;
  key: string;
  faultCount: number;
  ticketUid: string;
  ticketId: string;
  gpsLat: number | null;
}

async function dropOn(pole: string, extra: { pon?: string; zone?: string } = {}): Promise<string> {
  const d = await makeDrop(w.tdb.db, { projectId: w.projectId, installDate: '2026-11-01' });
  await w.tdb.db.query('UPDATE drops SET pole_number = $2, pon = $3, zone = $4, gps_lat = -26.38, gps_lng = 27.81 WHERE id = $1', [d.id, pole, extra.pon ?? null, extra.zone ?? null]);
  return d.drNumber;
}

/** Runs the worker's repeat-fault job once, as a serverless scheduler would. */
const sweep = async () => {
  const res = await client(w.server.url).post<{ checked: number }>('cron-repeat-faults', {}, { headers: { 'x-cron-secret': 'test-cron-secret-0123456789' } });
  expect(res.status).toBe(200);
  return res.body.data;
};
const fault = async (drNumber: string) => {
  const res = await w.as(w.users.agent).post<{ id: string; ticketUid: string }>('tickets', { source: 'whatsapp', title: 'No light', drNumber, ticketType: 'fault' });
  await sweep();
  return res;
};
const hot = async () => (await w.as(w.users.manager).get<{ elements: Hot[]; map: { tileUrl: string | null } }>('network-hot-elements')).body.data;
const alertsOn = (kind: string, key: string) => w.count('SELECT count(*)::int AS n FROM network_element_alerts WHERE element_kind = $1 AND element_key = $2', [kind, key]);

describe('repeat faults', () => {
  it('opens one high-priority infrastructure ticket at the third fault on a pole, links the faults and tells the managers', async () => {
    for (let i = 0; i < 2; i++) expect((await fault(await dropOn('POLE.A'))).status).toBe(201);
    expect(await alertsOn('pole', 'POLE.A')).toBe(0);
    await fault(await dropOn('POLE.A'));
    const h = (await hot()).elements.find((e) => e.kind === 'pole' && e.key === 'POLE.A') as Hot;
    expect(h).toMatchObject({ faultCount: 3, gpsLat: -26.38 });
    const infra = (await w.as(w.users.manager).get<{ priority: string; ticketType: string; title: string; source: string }>(`tickets-detail?id=${h.ticketId}`)).body.data;
    expect(infra).toMatchObject({ priority: 'high', ticketType: 'maintenance', source: 'internal', title: 'Repeat faults on pole POLE.A: 3 in 30 days' });
    expect(await w.count('SELECT count(*)::int AS n FROM network_alert_faults f JOIN network_element_alerts a ON a.id = f.alert_id WHERE a.element_key = $1', ['POLE.A'])).toBe(3);
    expect(await w.count("SELECT count(*)::int AS n FROM notification_log WHERE template = 'network.repeat_fault' AND ticket_id = $1", [h.ticketId])).toBeGreaterThanOrEqual(1);
    // A fourth fault joins the open ticket; no second ticket.
    await fault(await dropOn('POLE.A'));
    expect(await alertsOn('pole', 'POLE.A')).toBe(1);
    expect((await hot()).elements.find((e) => e.key === 'POLE.A')?.faultCount).toBe(4);
    // The infrastructure ticket leads its open faults as a mass incident: their clocks wait for it, with that reason.
    const children = await w.tdb.db.query<{ sla_paused: boolean; note: string | null }>(
      `SELECT c.sla_paused, (SELECT p.note FROM sla_pauses p WHERE p.ticket_id = c.id AND p.ended_at IS NULL LIMIT 1) AS note
         FROM tickets c WHERE c.parent_ticket_id = $1`,
      [h.ticketId],
    );
    expect(children.rows).toHaveLength(4);
    expect(children.rows.every((r) => r.sla_paused && r.note === `Part of mass incident ${h.ticketUid}`)).toBe(true);
  });

  it('opens a drop ticket at the second fault on one drop', async () => {
    const dr = await dropOn('POLE.B');
    await fault(dr);
    await fault(dr);
    expect(await alertsOn('drop', dr)).toBe(1);
  });

  it('opens exactly one ticket per element under concurrent creates', async () => {
    const drops = await Promise.all(Array.from({ length: 6 }, () => dropOn('POLE.C', { pon: 'PON-C' })));
    const create = (dr: string) => w.as(w.users.agent).post('tickets', { source: 'whatsapp', title: 'No light', drNumber: dr, ticketType: 'fault' });
    const results = await Promise.all(drops.map(create));
    expect(results.every((r) => r.status === 201)).toBe(true);
    // Several workers at once: each claims different faults; the element lock and the unique index keep one ticket.
    const runs = await Promise.all([sweep(), sweep(), sweep()]);
    expect(runs.reduce((n, r) => n + r.checked, 0)).toBe(6);
    expect(await alertsOn('pole', 'POLE.C')).toBe(1);
    expect(await alertsOn('pon', 'PON-C')).toBe(1);
    expect(await w.count("SELECT count(*)::int AS n FROM tickets WHERE title LIKE 'Repeat faults on pole POLE.C%'")).toBe(1);
    expect(await w.count("SELECT count(*)::int AS n FROM network_alert_faults f JOIN network_element_alerts a ON a.id = f.alert_id WHERE a.element_key = 'POLE.C'")).toBe(6);
  });

  it('closes the element when its ticket is resolved; the next faults open a new one; thresholds are editable', async () => {
    const m = w.as(w.users.manager);
    const h = (await hot()).elements.find((e) => e.key === 'POLE.A') as Hot;
    // With no contract on the project the infrastructure work is billable: it waits for a manager like any other.
    expect((await m.post(`billing-approve?uid=${h.ticketUid}`, {})).status).toBe(200);
    expect((await m.post('tickets-status', { id: h.ticketId, status: 'cancelled', reason: 'Pole replaced' })).status).toBe(200);
    expect((await hot()).elements.some((e) => e.key === 'POLE.A')).toBe(false);
    const bad = await m.patch('network-repeat-thresholds', { thresholds: [{ kind: 'pole', threshold: 1 }] });
    expect(bad.status).toBe(400);
    const set = await m.patch<{ kind: string; threshold: number }[]>('network-repeat-thresholds', { thresholds: [{ kind: 'pole', threshold: 6, windowDays: 30 }] });
    expect(set.body.data.find((t) => t.kind === 'pole')?.threshold).toBe(6);
    await fault(await dropOn('POLE.A'));
    expect(await alertsOn('pole', 'POLE.A')).toBe(1);
    await m.patch('network-repeat-thresholds', { thresholds: [{ kind: 'pole', threshold: 3 }] });
    await fault(await dropOn('POLE.A'));
    expect(await alertsOn('pole', 'POLE.A')).toBe(2);
    expect((await w.as(w.users.agent).get<{ kind: string }[]>('network-repeat-thresholds')).body.data.map((t) => t.kind)).toEqual(['drop', 'pole', 'pon', 'zone']);
    expect((await hot()).map.tileUrl).toBeNull();
  });

  it('refuses the cron route without its secret', async () => {
    expect((await client(w.server.url).post('cron-repeat-faults', {})).status).toBe(401);
  });

  it('ignores tickets that are not faults or have no drop', async () => {
    const dr = await dropOn('POLE.D');
    for (let i = 0; i < 3; i++) await w.as(w.users.agent).post('tickets', { source: 'whatsapp', title: 'Question', drNumber: dr, ticketType: 'query' });
    await w.as(w.users.agent).post('tickets', { source: 'internal', title: 'Office', ticketType: 'fault' });
    expect((await sweep()).checked).toBe(0);
    expect(await alertsOn('drop', dr)).toBe(0);
  });
});
