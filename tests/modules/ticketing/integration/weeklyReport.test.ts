// The weekly fault report over HTTP with workbooks the test generates: the ticket sheet found behind a summary
// sheet and a merged banner, each row's outcome in the preview (nothing changed), one-transaction confirm as
// WR{yyyy}-W{ww}-{nnn} with its result report, the same file twice changing nothing, mappings remembered per client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { call, client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';
import { reportCsv, reportWorkbook, type ReportRowSpec } from '../../../helpers/workbooks';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
let clientId: string;
const clock = new ManualClock('2026-11-25T08:30:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  clientId = project.clientId;
  for (let i = 1; i <= 9; i++) await makeDrop(tdb.db, { projectId: project.id, drNumber: `DR200000${i}` });
  agent = await makeUser(tdb.db, { role: 'agent' });
  const admin = await makeUser(tdb.db, { role: 'admin' });
  await tdb.db.query(`UPDATE users SET notification_prefs = '{"email": false, "whatsapp": false}'::jsonb`);
  const api = client(server.url, { token: admin.token });
  const ft = await api.post<{ id: string }>('tickets', { source: 'qcontact', qcontactRef: 'FT490441', title: 'Slow line', drNumber: 'DR2000009' });
  const open = await api.post<{ id: string }>('tickets', { source: 'construction', title: 'Snag', drNumber: 'DR2000001' });
  const closed = await api.post<{ id: string }>('tickets', { source: 'construction', title: 'Old fault', drNumber: 'DR2000002' });
  await tdb.db.query("UPDATE tickets SET status = 'in_progress' WHERE id = $1", [ft.body.data.id]);
  await tdb.db.query("UPDATE tickets SET status = 'new' WHERE id = $1", [open.body.data.id]);
  await tdb.db.query("UPDATE tickets SET status = 'closed', closed_at = now() WHERE id = $1", [closed.body.data.id]);
});
afterAll(async () => {
  await server?.close();
  await tdb?.drop();
});

function upload(file: Buffer, name: string, query = '', type = XLSX) {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type }), name);
  return call<Preview>(server.url, 'POST', `imports-weekly-report${query}`, { token: agent.token, rawBody: f });
}
const confirm = (p: Preview, extra: Record<string, unknown> = {}) =>
  client(server.url, { token: agent.token }).post<{ batch: Batch; alreadyImported: boolean }>('imports-weekly-report', { action: 'confirm', uploadId: p.uploadId, fileName: p.fileName, ...extra });
const count = async (sql: string) => Number((await tdb.db.query<{ n: number }>(sql)).rows[0].n);

interface Preview { uploadId: string; fileName: string; sheetName: string; skippedSheets: string[]; mapping: Record<string, string | null>; counts: Record<string, number>; rows: { row: number; outcome: string; reason?: string; ticketUid?: string; date?: string }[]; alreadyImported: { reportUid: string } | null }
interface Batch { id: string; reportUid: string; result: Record<string, number>; rowCount: number; rowOutcomes?: { row: number; outcome: string; ticketUid?: string }[] }

const ROWS: (ReportRowSpec | 'blank')[] = [
  { ft: 490441, dr: 'DR2000009', area: 'Lawley', issue: 'Slow line', status: 'Resolved', date: 46350 },
  { dr: 'DR2000001', area: 'Lawley', issue: 'Snag again', status: 'Open', date: '25/11/2026' },
  { dr: 'DR2000002', area: 'Lawley', issue: 'No light', status: 'Open', date: '24 Nov 2026' },
  { ft: 'FT777001', dr: 'DR2000003', area: 'Lawley', issue: 'Cable cut', status: 'New', date: new Date(Date.UTC(2026, 10, 23)) },
  { dr: 'DR2000004', area: 'Lawley', issue: 'ONT dead', status: 'In progress', date: '2026-11-22' },
  'blank',
  { dr: 'DR2000004', area: 'Lawley', issue: 'ONT dead (again listed)', status: 'Open', date: '22-11-2026' },
  { dr: 'DR12', issue: 'Bad drop number', status: 'Open' },
  { dr: 'DR2000005', issue: 'Bad date', status: 'Open', date: 'yesterday' },
  { dr: 'DR2000006', issue: 'Odd status', status: 'Exploded', date: '21.11.2026' },
  { area: 'Lawley', issue: 'No reference at all' },
  { ft: 'FT490441', dr: 'DR2000009', issue: 'Listed twice', status: 'Resolved' },
  { dr: 'DR2000007', issue: 'Already fixed', status: 'Closed', date: '20/11/2026' },
];

describe('a weekly fault report', () => {
  let file: Buffer;
  let preview: Preview;
  let batch: Batch;

  it('previews each row, finding the ticket sheet behind a summary sheet and a merged banner, and changes nothing', async () => {
    file = await reportWorkbook({ rows: ROWS, summaryFirst: true, titleBanner: true, mergedHeader: true });
    const before = await count('SELECT count(*)::int AS n FROM tickets');
    const r = await upload(file, 'week48.xlsx');
    expect(r.status).toBe(200);
    preview = r.body.data;
    expect(preview).toMatchObject({ sheetName: 'Faults', skippedSheets: ['Summary'], alreadyImported: null });
    expect(preview.mapping).toEqual({ ftRef: 'FT Ref', drNumber: 'DR Number', area: 'Area', issue: 'Issue', status: 'Status', date: 'Date' });
    expect(preview.counts).toEqual({ update: 1, unchanged: 2, new: 3, duplicate: 2, error: 4 });
    const byRow = Object.fromEntries(preview.rows.map((x) => [x.row, x]));
    expect(byRow[3]).toMatchObject({ outcome: 'update', ticketUid: 'FT490441', date: '2026-11-24' });
    expect(byRow[4]).toMatchObject({ outcome: 'unchanged', date: '2026-11-25' });
    expect(byRow[5]).toMatchObject({ outcome: 'new', reason: expect.stringMatching(/is closed: a new fault/), date: '2026-11-24' });
    expect(byRow[6]).toMatchObject({ outcome: 'new', date: '2026-11-23' });
    expect(byRow[9]).toMatchObject({ outcome: 'duplicate', reason: 'Same drop as row 7' });
    expect(byRow[10]).toMatchObject({ outcome: 'error', reason: 'DR Number "DR12" is not DR followed by 7 digits' });
    expect(byRow[11]).toMatchObject({ outcome: 'error', reason: 'Date "yesterday" is not a date' });
    expect(byRow[12]).toMatchObject({ outcome: 'error', reason: 'Status "Exploded" is not in the status table' });
    expect(byRow[13]).toMatchObject({ outcome: 'error', reason: 'The row has neither an FT Ref nor a DR Number' });
    expect(byRow[14]).toMatchObject({ outcome: 'duplicate', reason: 'Same FT Ref as row 3' });
    expect(byRow[15]).toMatchObject({ outcome: 'unchanged' });
    expect(await count('SELECT count(*)::int AS n FROM tickets')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM import_batches')).toBe(0);
  });

  it('confirms in one transaction as WR2026-W48-001 with its result report, opening and updating tickets', async () => {
    const r = await confirm(preview, { clientId });
    expect(r.status).toBe(201);
    batch = r.body.data.batch;
    expect(batch.reportUid).toBe('WR2026-W48-001');
    expect(batch.result).toEqual({ created: 3, updated: 1, unchanged: 2, duplicates: 2, errors: 4 });
    const uids = (await tdb.db.query<{ ticket_uid: string; status: string }>("SELECT ticket_uid, status FROM tickets WHERE source = 'weekly_report' ORDER BY ticket_uid")).rows;
    expect(uids.map((u) => u.ticket_uid)).toEqual(['DR2000002-2', 'DR2000004-1', 'FT777001']);
    expect((await tdb.db.query<{ status: string }>("SELECT status FROM tickets WHERE ticket_uid = 'FT490441'")).rows[0].status).toBe('resolved');
    const one = await client(server.url, { token: agent.token }).get<Batch>(`imports-weekly-report?id=${batch.reportUid}`);
    expect(one.body.data.rowOutcomes?.find((o) => o.row === 6)).toMatchObject({ outcome: 'new', ticketUid: 'FT777001' });
    const list = await client(server.url, { token: agent.token }).get<Batch[]>('imports-weekly-report');
    expect(list.body.data.map((b) => b.reportUid)).toEqual(['WR2026-W48-001']);
  });

  it('the same file again: the preview says so, every row is unchanged, confirming changes nothing', async () => {
    const tickets = await count('SELECT count(*)::int AS n FROM tickets');
    const history = await count('SELECT count(*)::int AS n FROM ticket_history');
    const again = (await upload(file, 'week48.xlsx')).body.data;
    expect(again.alreadyImported).toMatchObject({ reportUid: 'WR2026-W48-001' });
    expect(again.counts).toMatchObject({ new: 0, update: 0 });
    const r = await confirm(again);
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ alreadyImported: true, batch: { reportUid: 'WR2026-W48-001' } });
    expect(await count('SELECT count(*)::int AS n FROM tickets')).toBe(tickets);
    expect(await count('SELECT count(*)::int AS n FROM ticket_history')).toBe(history);
    expect(await count('SELECT count(*)::int AS n FROM import_batches')).toBe(1);
  });

  it('the same rows in other bytes (CSV, snake_case headers) import as WR2026-W48-002 with nothing created or updated', async () => {
    const csv = reportCsv(ROWS.filter((r): r is ReportRowSpec => r !== 'blank').map((r) => ({ ...r, date: r.date instanceof Date ? '23/11/2026' : r.date })));
    const p = (await upload(csv, 'week48.csv', '', 'text/csv')).body.data;
    expect(p.mapping).toMatchObject({ ftRef: 'ft_ref', drNumber: 'dr_number' });
    const r = await confirm(p);
    expect(r.status).toBe(201);
    expect(r.body.data.batch).toMatchObject({ reportUid: 'WR2026-W48-002', result: { created: 0, updated: 0 } });
  });

  it('streams progress lines while the import runs when asked for NDJSON', async () => {
    const p = (await upload(await reportWorkbook({ rows: [{ dr: 'DR2000008', issue: 'New one', status: 'Open', date: 46351 }] }), 'small.xlsx')).body.data;
    const res = await fetch(`${server.url}/imports-weekly-report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify({ action: 'confirm', uploadId: p.uploadId, fileName: p.fileName }),
    });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ progress: { done: 1, total: 1 } });
    expect(lines.at(-1)).toMatchObject({ result: { alreadyImported: false, batch: { reportUid: 'WR2026-W48-003', result: { created: 1 } } } });
  });
});

describe('columns and bad input', () => {
  it('works with a missing optional column and refuses a file with no ticket sheet', async () => {
    const noDate = await reportWorkbook({ headers: ['FT Ref', 'DR Number', 'Issue', 'Status'], rows: [{ dr: 'DR2000008', issue: 'x', status: 'Open' }] });
    const p = (await upload(noDate, 'nodate.xlsx')).body.data;
    expect(p.mapping).toMatchObject({ date: null, area: null });
    expect(p.counts).toMatchObject({ unchanged: 1 });
    const noKeys = await reportWorkbook({ headers: ['Area', 'Issue', 'Status', 'Date'], rows: [{ area: 'Lawley', issue: 'x', status: 'Open' }] });
    const r = await upload(noKeys, 'nokeys.xlsx');
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toMatch(/No sheet with a ticket header row/);
  });

  it('uses an edited mapping, remembers it for the client, and applies it to the next upload', async () => {
    const odd = reportCsv([{ ft: null, dr: 'DR2000008', area: 'Lawley', issue: 'Odd headers', status: 'Open', date: '25/11/2026' }], ['Ticket No', 'Drop ID', 'Suburb', 'Problem', 'State', 'Logged on']);
    expect((await upload(odd, 'odd.csv', '', 'text/csv')).status).toBe(400);
    const mapping = { ftRef: 'Ticket No', drNumber: 'Drop ID', area: 'Suburb', issue: 'Problem', status: 'State', date: 'Logged on' };
    const p = await upload(odd, 'odd.csv', `?clientId=${clientId}&mapping=${encodeURIComponent(JSON.stringify(mapping))}`, 'text/csv');
    expect(p.status).toBe(200);
    expect(p.body.data.mapping).toEqual(mapping);
    expect((await confirm(p.body.data, { clientId, mapping })).status).toBe(201);
    const next = await upload(odd, 'odd-again.csv', `?clientId=${clientId}`, 'text/csv');
    expect(next.status).toBe(200);
    expect(next.body.data.mapping).toEqual(mapping);
  });

  it('opens a new live ticket for the FT reference of a deleted ticket (a deleted ticket holds no UID)', async () => {
    const admin = client(server.url, { token: (await makeUser(tdb.db, { role: 'admin' })).token });
    const gone = await admin.post<{ id: string }>('tickets', { source: 'qcontact', qcontactRef: 'FT555001', title: 'Deleted later' });
    expect((await admin.del(`tickets-detail?id=${gone.body.data.id}`)).status).toBe(200);
    const file = await reportWorkbook({ rows: [{ ft: 555001, dr: 'DR2000005', issue: 'Reuses a deleted UID', status: 'Open' }, { dr: 'DR2000006', issue: 'Fine', status: 'Open' }] });
    const p = (await upload(file, 'refused.xlsx')).body.data;
    expect(p.counts).toMatchObject({ new: 2 });
    const r = await confirm(p);
    expect(r.body.data.batch.result).toMatchObject({ created: 2, errors: 0 });
    const live = await client(server.url, { token: agent.token }).get<{ id: string; ticketUid: string }>('tickets-detail?id=FT555001');
    expect(live.status).toBe(200);
    expect(live.body.data.id).not.toBe(gone.body.data.id);
  });

  it('answers 4xx for a wrong file type, a broken workbook, a bad mapping, an unknown upload or a bad body', async () => {
    expect((await upload(Buffer.from('hello'), 'notes.txt', '', 'text/csv')).status).toBe(400);
    expect((await upload(Buffer.from('PK not really a zip'), 'broken.xlsx')).status).toBe(400);
    expect((await upload(reportCsv([]), 'x.csv', '?mapping=notjson', 'text/csv')).status).toBe(400);
    const api = client(server.url, { token: agent.token });
    expect((await api.post('imports-weekly-report', { action: 'confirm', uploadId: '00000000-0000-4000-8000-000000000000', fileName: 'x.xlsx' })).status).toBe(404);
    expect((await api.post('imports-weekly-report', { action: 'nope' })).status).toBe(400);
    expect((await api.get('imports-weekly-report?id=WR2000-W01-001')).status).toBe(404);
  });
});
