// A 10,000-row weekly report end to end: read with the streaming reader, previewed, imported in one transaction,
// and a second import of the same rows changing nothing. Most rows name faults that already have open tickets
// (seeded in bulk), NEW rows open tickets through the ticket service (billing and SLA hooks included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeUser, type TestUser } from '../../../helpers/factories';
import { call, client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import { largeWorkbook } from '../../../helpers/workbooks';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
const N = 10_000;
const NEW = 200;

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock: new ManualClock('2026-11-25T08:30:00Z') });
  agent = await makeUser(tdb.db, { role: 'agent' });
  await tdb.db.query(
    `INSERT INTO tickets (ticket_uid, source, ticket_type, priority, status, title, dr_number)
     SELECT 'FF-' || lpad(i::text, 6, '0'), 'internal', 'fault', 'medium', 'in_progress', 'Open fault ' || i, 'DR' || (3000000 + i)::text
       FROM generate_series(${NEW}, ${N - 1}) AS i`,
  );
});
afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

interface Preview { uploadId: string; fileName: string; counts: Record<string, number>; rows: unknown[] }

async function upload(file: Buffer, name: string) {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
  return (await call<Preview>(server.url, 'POST', 'imports-weekly-report', { token: agent.token, rawBody: f })).body.data;
}

describe('a 10,000-row report', () => {
  it('previews, imports every row once, and a second import of the same rows creates nothing', async () => {
    const rows = (i: number) => ({ ft: i < NEW && i % 2 ? 500000 + i : null, dr: `DR${3000000 + i}`, area: 'Mamelodi', issue: `Fault ${i}`, status: i < NEW ? 'Open' : 'In progress', date: i % 2 ? 46300 + (i % 50) : '25/11/2026' });
    const file = await largeWorkbook(N, rows);
    const p = await upload(file, 'big.xlsx');
    expect(p.counts).toEqual({ update: 0, unchanged: N - NEW, new: NEW, duplicate: 0, error: 0 });
    expect(p.rows).toHaveLength(N);
    const api = client(server.url, { token: agent.token });
    const r = await api.post<{ batch: { reportUid: string; result: Record<string, number> } }>('imports-weekly-report', { action: 'confirm', uploadId: p.uploadId, fileName: p.fileName });
    expect(r.status).toBe(201);
    expect(r.body.data.batch.result).toEqual({ created: NEW, updated: 0, unchanged: N - NEW, duplicates: 0, errors: 0 });
    expect(Number((await tdb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE source = 'weekly_report'")).rows[0].n)).toBe(NEW);
    const again = await upload(await largeWorkbook(N, (i) => ({ ...rows(i), issue: `Fault ${i} (resent)` })), 'big-again.xlsx');
    expect(again.counts).toMatchObject({ new: 0, update: 0, unchanged: N });
  }, 300_000);
});
