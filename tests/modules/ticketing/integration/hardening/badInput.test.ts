// Bad input (issue 12 #7): NUL characters, forged cursors, dates past year 9999, invalid UTF-8, lone surrogates and a
// body declared in another charset each answer 400 in the envelope, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from '../ticketFixture';

let w: TicketWorld;
let ticket: { id: string; version: number };
const NUL = '\u0000';
beforeAll(async () => {
  w = await ticketWorld();
  const res = await w.as(w.users.agent).post<{ id: string; version: number }>('tickets', { source: 'internal', title: 'Base ticket' });
  ticket = res.body.data;
});
afterAll(async () => w.close());

const snapshot = async () =>
  (await w.tdb.db.query<{ n: string }>(`SELECT (SELECT count(*) FROM tickets) || ':' || (SELECT count(*) FROM ticket_notes) || ':' ||
    (SELECT count(*) FROM ticket_tags) || ':' || (SELECT coalesce(max(version), 0) FROM tickets) AS n`)).rows[0].n;

function expect400(res: { status: number; body: { success: boolean; error?: { code: string } } }, what: string) {
  expect(res.status, what).toBe(400);
  expect(res.body.success, what).toBe(false);
  expect(res.body.error?.code, what).toBe('VALIDATION_ERROR');
}

const rawPost = async (route: string, body: Buffer | string, contentType = 'application/json') => {
  const res = await fetch(`${w.server.url}/${route}`, { method: 'POST', headers: { authorization: `Bearer ${w.users.agent.token}`, 'content-type': contentType }, body: body as BodyInit });
  return { status: res.status, body: (await res.json()) as { success: boolean; error?: { code: string } } };
};

describe('NUL characters', () => {
  it('refuses a NUL in any text field or query value with 400, storing nothing', async () => {
    const before = await snapshot();
    const agent = w.as(w.users.agent);
    for (const field of ['title', 'description', 'address', 'reporterName', 'category']) {
      expect400(await agent.post('tickets', { source: 'internal', title: 'ok', [field]: `bad${NUL}value` }), `create ${field}`);
    }
    expect400(await agent.patch(`tickets-detail?id=${ticket.id}`, { version: ticket.version, title: `x${NUL}` }), 'patch title');
    expect400(await agent.post(`tickets-notes?id=${ticket.id}`, { body: `note${NUL}` }), 'note');
    expect400(await agent.post(`tickets-tags?id=${ticket.id}`, { tags: [`t${NUL}`] }), 'tag');
    expect400(await agent.post('tickets-status', { id: ticket.id, status: 'cancelled', reason: `why${NUL}` }), 'status reason');
    expect400(await agent.get('tickets?q=abc%00def'), 'search');
    expect400(await agent.get(`tickets-detail?id=FF-0%00`), 'id');
    expect400(await agent.post('tickets', { source: 'internal', title: 'ok', [`key${NUL}`]: 1 }), 'key');
    expect(await snapshot()).toBe(before);
  });
});

describe('cursors and dates', () => {
  const cursor = (c: unknown) => Buffer.from(JSON.stringify(c)).toString('base64url');
  const id = '00000000-0000-4000-8000-000000000000';

  it('refuses forged and out-of-range cursors with 400', async () => {
    const agent = w.as(w.users.agent);
    const bad: [string, unknown][] = [
      ['created_at', { v: 'March 7', id }],
      ['created_at', { v: '0', id }],
      ['created_at', { v: 0, id }],
      ['due_at', { v: '+275760-09-13T00:00:00Z', id }],
      ['updated_at', { v: '2026-02-30T00:00:00Z', id }],
      ['priority', { v: '12345678901234567890', id }],
      ['priority', { v: 99, id }],
      ['ticket_uid', { v: `a${NUL}`, id }],
      ['created_at', { v: ['x'], id }],
      ['created_at', { v: '2026-01-01T00:00:00Z', id: 12 }],
      ['created_at', null],
      ['created_at', 'just a string'],
    ];
    for (const [sort, c] of bad) expect400(await agent.get(`tickets?sort=${sort}&cursor=${cursor(c)}`), `${sort} ${JSON.stringify(c)}`);
    expect400(await agent.get('tickets?cursor=%%%'), 'not base64');
  });

  it('accepts the cursors the list hands out', async () => {
    const agent = w.as(w.users.agent);
    await agent.post('tickets', { source: 'internal', title: 'Second' });
    for (const sort of ['created_at', 'updated_at', 'priority', 'due_at', 'ticket_uid', 'status']) {
      const first = await agent.get(`tickets?sort=${sort}&limit=1`);
      expect(first.status).toBe(200);
      const next = first.body.meta.nextCursor as string;
      expect(next, sort).toBeTruthy();
      expect((await agent.get(`tickets?sort=${sort}&limit=1&cursor=${next}`)).status, sort).toBe(200);
    }
  });

  it('refuses dates past year 9999 and other non-ISO dates in filters', async () => {
    const agent = w.as(w.users.agent);
    for (const v of ['+275760-09-13T00:00:00Z', '10000-01-01', 'March 7', '0', '2026-13-01', '2026-02-30']) {
      expect400(await agent.get(`tickets?createdFrom=${encodeURIComponent(v)}`), v);
    }
    expect((await agent.get('tickets?createdFrom=2026-01-01&createdTo=2026-12-31T23:59:59Z')).status).toBe(200);
  });
});

describe('encodings', () => {
  it('refuses invalid UTF-8, lone surrogates and a body declared latin1, storing nothing', async () => {
    const before = await snapshot();
    const invalid = Buffer.concat([Buffer.from('{"source":"internal","title":"Caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}')]);
    expect400(await rawPost('tickets', invalid), 'invalid utf-8');
    expect400(await rawPost('tickets', '{"source":"internal","title":"a\\ud800b"}'), 'lone high surrogate');
    expect400(await rawPost('tickets', '{"source":"internal","title":"a\\udc00"}'), 'lone low surrogate');
    expect400(await rawPost('tickets', Buffer.from('{"source":"internal","title":"Caf\xe9"}', 'latin1'), 'application/json; charset=latin1'), 'latin1');
    expect400(await w.as(w.users.agent).get('tickets?q=%ff%fe'), 'invalid utf-8 in the query');
    expect(await snapshot()).toBe(before);
  });

  it('still accepts real unicode: emoji, RTL and accents, declared utf-8 or not', async () => {
    const res = await rawPost('tickets', JSON.stringify({ source: 'internal', title: 'Café 🚧 مرحبا' }), 'application/json; charset=UTF-8');
    expect(res.status).toBe(201);
    expect((await w.as(w.users.agent).get(`tickets?q=${encodeURIComponent('Café')}`)).status).toBe(200);
  });
});
