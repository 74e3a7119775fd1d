// The drop register import over HTTP: preview with row outcomes, edited and remembered mappings, confirm in one
// transaction with NDJSON progress, idempotent re-import, xlsx dates, and tickets re-checked by a new install date.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../../../helpers/factories';
import { startTestServer } from '../../../helpers/server';
import { ticketWorld, type TicketWorld } from './ticketFixture';

interface Outcome {
  rowNumber: number;
  drNumber: string | null;
  kind: string;
  errors?: string[];
}
interface Batch {
  id: string;
  status: string;
  totalRows: number;
  mapping: Record<string, string | null>;
  summary: { counts: Record<string, number>; rows: Outcome[]; missingRequired: string[]; headers: string[]; ticketsRechecked?: number };
}

let w: TicketWorld;
beforeAll(async () => {
  w = await ticketWorld();
  await makeProject(w.tdb.db, { clientId: w.clientId, name: 'Mohadin' });
});
afterAll(async () => w.close());

async function upload(content: Buffer | string, name: string, client = w.clientId, type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), name);
  const res = await fetch(`${w.server.url}/network-import?client=${client}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${w.users.manager.token}` } });
  return { status: res.status, body: (await res.json()) as { data: Batch; error?: { code: string } } };
}

const m = () => w.as(w.users.manager);

const CSV = [
  'Drop Number;Project;Install Date;GPS;Pole No;PON;Zone;ONT Serial;Address',
  'DR8000001;Lawley;2026/03/07;"-26.38, 27.81";LAW.P.B1;PON-1;Z1;ZTE001;"1 Main Road; Lawley"',
  'DR8000002;lawley;07/03/2026;;LAW.P.B1;PON-1;Z1;ZTE002;2 Main Road',
  'DR8000003;Mohadin;7 March 2026;;MOH.P.1;PON-2;Z2;ZTE003;3 Main Road',
  ';;;;;;;;',
  'DR80004;Lawley;2026-03-07;;;;;;',
  'DR8000005;Nowhere;2026-03-07;;;;;;',
  'DR8000006;Lawley;31/02/2026;;;;;;',
  'DR8000007;Lawley;46088;"-95, 27";;;;;',
  'DR8000001;Lawley;2026-03-07;;;;;;',
].join('\r\n');

describe('register import', () => {
  it('previews a CSV: inserts and errors with their row numbers, nothing written yet', async () => {
    const res = await upload(CSV, 'register.csv');
    expect(res.status).toBe(201);
    const b = res.body.data;
    expect(b.status).toBe('preview');
    expect(b.mapping).toMatchObject({ drNumber: 'Drop Number', project: 'Project', installDate: 'Install Date', gps: 'GPS', poleNumber: 'Pole No', ontSerial: 'ONT Serial' });
    expect(b.summary.counts).toEqual({ insert: 3, update: 0, unchanged: 0, error: 5 });
    const errors = b.summary.rows.filter((r) => r.kind === 'error');
    expect(errors.map((r) => r.rowNumber)).toEqual([6, 7, 8, 9, 10]);
    expect(errors[0].errors?.[0]).toContain('DR80004');
    expect(errors[1].errors?.[0]).toContain('Nowhere');
    expect(errors[2].errors?.[0]).toContain('31/02/2026');
    expect(errors[3].errors?.[0]).toContain('Latitude -95');
    expect(errors[4].errors?.[0]).toContain('row 2');
    expect(await w.count("SELECT count(*)::int AS n FROM drops WHERE dr_number LIKE 'DR80000%'")).toBe(0);
  });

  it('confirms with NDJSON progress, writes the valid rows in one go, and the same file twice changes nothing', async () => {
    const first = (await upload(CSV, 'register.csv')).body.data;
    const res = await fetch(`${w.server.url}/network-import?id=${first.id}`, {
      method: 'PATCH', body: JSON.stringify({ action: 'confirm' }),
      headers: { authorization: `Bearer ${w.users.manager.token}`, 'content-type': 'application/json', accept: 'application/x-ndjson' },
    });
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ progress: { processed: 8, total: 8 } });
    expect(lines.at(-1)).toMatchObject({ success: true, data: { status: 'applied', summary: { counts: { insert: 3, error: 5 } } } });
    const d1 = (await m().get<Record<string, unknown>>('network-drops?id=DR8000001')).body.data;
    expect(d1).toMatchObject({ installDate: '2026-03-07', gpsLat: -26.38, gpsLng: 27.81, poleNumber: 'LAW.P.B1', pon: 'PON-1', zone: 'Z1', ontSerial: 'ZTE001', address: '1 Main Road; Lawley', projectName: 'Lawley' });
    expect((await m().get<Record<string, unknown>>('network-drops?id=DR8000003')).body.data).toMatchObject({ projectName: 'Mohadin', installDate: '2026-03-07' });
    const stamp = await w.tdb.db.query<{ u: Date }>("SELECT max(updated_at) AS u FROM drops WHERE dr_number LIKE 'DR80000%'");
    expect((await m().patch(`network-import?id=${first.id}`, { action: 'confirm' })).status).toBe(409);

    const again = (await upload(CSV, 'register.csv')).body.data;
    expect(again.summary.counts).toEqual({ insert: 0, update: 0, unchanged: 3, error: 5 });
    const applied = await m().patch<Batch>(`network-import?id=${again.id}`, { action: 'confirm' });
    expect(applied.body.data.summary.counts).toMatchObject({ insert: 0, update: 0, unchanged: 3 });
    const stamp2 = await w.tdb.db.query<{ u: Date }>("SELECT max(updated_at) AS u FROM drops WHERE dr_number LIKE 'DR80000%'");
    expect(new Date(stamp2.rows[0].u).getTime()).toBe(new Date(stamp.rows[0].u).getTime());
    expect(await w.count("SELECT count(*)::int AS n FROM drops WHERE dr_number LIKE 'DR80000%'")).toBe(3);
    const list = await m().get<Batch[]>('network-import');
    expect(list.body.data.filter((x) => x.status === 'applied').length).toBeGreaterThanOrEqual(2);
  });

  it('needs the required columns; an edited mapping fixes the preview and is remembered for the client', async () => {
    const csv = 'Ref,Build Area,Installed On\nDR8100001,Lawley,2026-04-01\n';
    const b = (await upload(csv, 'odd.csv')).body.data;
    expect(b.summary.missingRequired).toEqual(['drNumber', 'project']);
    expect((await m().patch(`network-import?id=${b.id}`, { action: 'confirm' })).status).toBe(422);
    const fixed = await m().patch<Batch>(`network-import?id=${b.id}`, { action: 'preview', mapping: { drNumber: 'Ref', project: 'Build Area', installDate: 'Installed On' } });
    expect(fixed.body.data.summary.counts).toMatchObject({ insert: 1, error: 0 });
    expect((await m().patch<Batch>(`network-import?id=${b.id}`, { action: 'confirm' })).body.data.status).toBe('applied');
    const next = (await upload('Ref,Build Area,Installed On\nDR8100002,Lawley,2026-04-02\n', 'odd2.csv')).body.data;
    expect(next.mapping).toMatchObject({ drNumber: 'Ref', project: 'Build Area', installDate: 'Installed On' });
    expect(next.summary.counts.insert).toBe(1);
  });

  it('reads an xlsx: Excel date cells and serials, text cells, and re-checks a ticket whose install date moved', async () => {
    const dr = await w.drop();
    const t = (await w.as(w.users.agent).post<{ id: string; billingType: string }>('tickets', { source: 'whatsapp', title: 'No light', drNumber: dr })).body.data;
    expect(t.billingType).toBe('guarantee');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Drops');
    ws.addRow(['DR', 'Project', 'Install date', 'Latitude', 'Longitude']);
    ws.addRow([dr, 'Lawley', new Date(Date.UTC(2024, 0, 2)), -26.1, 28.2]);
    ws.addRow(['DR8200001', 'Lawley', 46088, '-26,5', '28.5']);
    ws.addRow(['DR8200002', 'Lawley', '2026/03/07', 'abc', 28]);
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const b = (await upload(buf, 'register.xlsx', w.clientId, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).body.data;
    expect(b.summary.counts).toEqual({ insert: 1, update: 1, unchanged: 0, error: 1 });
    expect(b.summary.rows.find((r) => r.kind === 'error')).toMatchObject({ rowNumber: 4 });
    const done = await m().patch<Batch>(`network-import?id=${b.id}`, { action: 'confirm' });
    expect(done.body.data.summary.ticketsRechecked).toBe(1);
    expect((await m().get<Record<string, unknown>>('network-drops?id=DR8200001')).body.data).toMatchObject({ installDate: '2026-03-07', gpsLat: -26.5 });
    const after = (await m().get<{ billingType: string }>(`tickets-detail?id=${t.id}`)).body.data;
    expect(after.billingType).toBe('billable');
  });

  it('imports more rows than one chunk, reads short rows, and treats an empty file as unmapped', async () => {
    const lines = ['DR,Project,Zone'];
    for (let i = 0; i < 5001; i++) lines.push(`DR84${String(i).padStart(5, '0')},Lawley,Z${i % 7}`);
    lines.push('DR8499999');
    const b = (await upload(lines.join('\n'), 'big.csv')).body.data;
    expect(b.summary.counts).toEqual({ insert: 5001, update: 0, unchanged: 0, error: 1 });
    expect(b.summary.rows[0]).toMatchObject({ rowNumber: 5003, drNumber: 'DR8499999', errors: ['Project is empty'] });
    expect(b.summary.rows).toHaveLength(500);
    expect((await m().patch<Batch>(`network-import?id=${b.id}`, { action: 'confirm' })).body.data.summary.counts.insert).toBe(5001);
    expect(await w.count("SELECT count(*)::int AS n FROM drops WHERE dr_number LIKE 'DR84%'")).toBe(5001);
    const short = (await upload('Project,DR\nLawley\n', 'short.csv')).body.data;
    expect(short.summary.rows[0]).toMatchObject({ drNumber: null, errors: ['DR number is empty'] });
    const empty = (await upload('', 'empty.csv')).body.data;
    expect(empty.summary.missingRequired).toEqual(['drNumber', 'project']);
  });

  it('refuses bad uploads with a clear 4xx and keeps nothing', async () => {
    expect((await upload('x', 'a.csv', 'not-a-uuid')).status).toBe(400);
    expect((await upload('x', 'a.csv', '00000000-0000-4000-8000-000000000000')).status).toBe(422);
    expect((await upload(Buffer.from('PK\u0003\u0004garbage'), 'bad.xlsx')).status).toBe(422);
    expect((await upload('x', 'a.png', w.clientId, 'image/png')).status).toBe(415);
    const noClient = await fetch(`${w.server.url}/network-import`, { method: 'POST', headers: { authorization: `Bearer ${w.users.manager.token}` } });
    expect(noClient.status).toBe(400);
    expect((await m().get('network-import?id=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await w.as(w.users.agent).get('network-import')).status).toBe(403);
  });
});

describe('size limit', () => {
  it('refuses a file over NETWORK_IMPORT_MAX_BYTES with 413 (last: it re-binds the runtime config)', async () => {
    const small = await startTestServer({ db: w.tdb.db, clock: w.clock, env: { NETWORK_IMPORT_MAX_BYTES: '64' } });
    try {
      const form = new FormData();
      form.append('file', new Blob(['DR,Project\n'.padEnd(200, 'x')], { type: 'text/csv' }), 'big.csv');
      const res = await fetch(`${small.url}/network-import?client=${w.clientId}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${w.users.manager.token}` } });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});
