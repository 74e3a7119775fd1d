// Exports over HTTP: CSV and PDF of a list filter, PDF of one ticket; checked by parsing the CSV and reading the PDF text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/src/lib/clock';
import { rootLogger } from '@/src/lib/logger';
import { exportTicket, exportTickets } from '@/src/modules/ticketing/services/exports/exportService';
import { openTicketSource } from '@/src/modules/ticketing/services/exports/ticketSource';
import { createPdf } from '@/src/modules/ticketing/services/exports/pdfDoc';
import { emptySummary, ticketsReportPdf } from '@/src/modules/ticketing/services/exports/ticketsReportPdf';
import type { ServiceContext } from '@/src/modules/ticketing/services/context';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject, makeUser, type TestUser } from '../../../helpers/factories';
import { client } from '../../../helpers/http';
import { startTestServer, type TestServer } from '../../../helpers/server';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
let tech: TestUser;
let finance: TestUser;
const clock = new ManualClock('2026-11-25T08:30:00Z');
const uids: Record<string, string> = {};
const dir = mkdtempSync(path.join(tmpdir(), 'ff-export-'));

async function download(route: string, user: TestUser): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`${server.url}/${route}`, { headers: { authorization: `Bearer ${user.token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** A small RFC 4180 reader (quoted fields, doubled quotes, CRLF): rows as objects keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      rows[rows.length - 1].push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      rows[rows.length - 1].push(field.replace(/\r$/, ''));
      field = '';
      rows.push([]);
    } else {
      field += c;
    }
  }
  if (field) rows[rows.length - 1].push(field);
  const [header, ...body] = rows.filter((r) => r.length > 1);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

function ctxFor(u: TestUser): ServiceContext {
  return { db: tdb.db, user: { id: u.id, name: u.name, role: u.role, email: u.email }, clock, log: rootLogger(), config: server.config };
}

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, clock });
  agent = await makeUser(tdb.db, { role: 'agent', name: 'Aisha Agent' });
  tech = await makeUser(tdb.db, { role: 'technician', name: 'Thabo Tech' });
  finance = await makeUser(tdb.db, { role: 'finance' });
  const project = await makeProject(tdb.db, { name: 'Lawley', guaranteeDays: 90 });
  const drop = await makeDrop(tdb.db, { projectId: project.id, installDate: '2026-11-01' });
  const api = client(server.url, { token: agent.token });
  const make = async (key: string, body: Record<string, unknown>) => {
    const r = await api.post<{ ticketUid: string }>('tickets', { source: 'internal', ticketType: 'fault', ...body });
    expect(r.status).toBe(201);
    uids[key] = r.body.data.ticketUid;
  };
  await make('critical', { title: 'Cabinet outage – whole street', priority: 'critical', drNumber: drop.drNumber, assignedTo: tech.id });
  await make('formula', { title: '=HYPERLINK("http://evil")', priority: 'low' });
  for (let i = 0; i < 3; i += 1) await make(`bulk${i}`, { title: `Routine check ${i}`, priority: 'medium' });
  await api.post(`tickets-notes?id=${uids.critical}`, { body: 'Splice tray replaced', noteType: 'internal' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('exports-tickets', () => {
  it('streams the CSV of a filter with a header row, local times and defused formulas', async () => {
    const res = await download('exports-tickets?format=csv&priority=critical,low', agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tickets-2026-11-25-1030.csv"');
    expect(res.body.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rows = parseCsv(res.body.toString('utf8').slice(1));
    expect(rows.map((r) => r.UID).sort()).toEqual([uids.critical, uids.formula].sort());
    const critical = rows.find((r) => r.UID === uids.critical) as Record<string, string>;
    expect(critical).toMatchObject({ Priority: 'critical', Status: 'assigned', Assignee: 'Thabo Tech', Project: 'Lawley', Created: '2026-11-25 10:30' });
    expect(rows.find((r) => r.UID === uids.formula)?.Title).toBe('\'=HYPERLINK("http://evil")');
  });

  it('prints a PDF report with a summary and a table of the filtered tickets', async () => {
    const res = await download('exports-tickets?format=pdf&priority=critical,low,medium', agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.body, 'report.pdf');
    expect(text).toContain('FibreFlow tickets report');
    expect(text).toContain('Filter: Priority: Critical, Low, Medium');
    expect(text).toMatch(/TICKETS\s+OPEN\s+SLA BREACHED\s+AWAITING APPROVAL/);
    for (const uid of Object.values(uids)) expect(text).toContain(uid);
    expect(text).toContain('Cabinet outage – whole street');
  });

  it('refuses a bad format or an unknown filter with 400, and a technician with 403', async () => {
    const bad = await client(server.url, { token: agent.token }).get('exports-tickets?format=xlsx');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error?.details)).toContain('format');
    expect((await client(server.url, { token: agent.token }).get('exports-tickets?format=csv&colour=red')).status).toBe(400);
    expect((await client(server.url, { token: tech.token }).get('exports-tickets?format=csv')).status).toBe(403);
  });

  it('pages through the list and stops at the row limit, saying so in the report', async () => {
    for (const max of [3, 4]) {
      const src = await openTicketSource(ctxFor(agent), { sort: 'created_at', order: 'asc' }, max, 2);
      const seen: string[] = [];
      for await (const t of src.rows()) seen.push(t.ticketUid);
      expect(seen).toHaveLength(max);
      expect(new Set(seen).size).toBe(max);
    }
    const file = await exportTickets(ctxFor(agent), { format: 'pdf', sort: 'created_at', order: 'desc' }, { csvRows: 100, pdfRows: 2 });
    const text = pdfText(await bytes(file.stream), 'truncated.pdf');
    expect(text).toContain('Only the first 2 tickets are listed');
    const csv = await exportTickets(ctxFor(agent), { format: 'csv', sort: 'created_at', order: 'desc' }, { csvRows: 3, pdfRows: 2 });
    expect((await bytes(csv.stream)).toString('utf8').trim().split('\r\n')).toHaveLength(4);
  });

  it('says so when no ticket matches', async () => {
    const text = pdfText((await download('exports-tickets?format=pdf&q=nothing-like-this', agent)).body, 'empty.pdf');
    expect(text).toContain('No tickets match this filter.');
  });
});

describe('exports-ticket', () => {
  it('prints one ticket with its facts, billing and timeline', async () => {
    const res = await download(`exports-ticket?id=${uids.critical}`, agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${uids.critical}.pdf"`);
    const text = pdfText(res.body, 'ticket.pdf');
    expect(text).toContain(uids.critical);
    expect(text).toContain('Cabinet outage – whole street');
    expect(text).toContain('Thabo Tech');
    expect(text).toContain('Guarantee');
    expect(text).toContain('Splice tray replaced');
    expect(text).toContain(`Created ticket ${uids.critical}`);
  });

  it('answers 404 in the envelope for a ticket that does not exist or is not the caller’s', async () => {
    const res = await client(server.url, { token: agent.token }).get('exports-ticket?id=FF-999999');
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('NOT_FOUND');
    expect((await client(server.url, { token: finance.token }).get('exports-ticket')).status).toBe(400);
  });

  it('leaves billing out for a role that may not read it, and copes with an unclassified ticket', async () => {
    const asTech = await exportTicket(ctxFor(tech), uids.critical);
    const techText = pdfText(await bytes(asTech.stream), 'tech.pdf');
    expect(techText).toContain(uids.critical);
    expect(techText).not.toMatch(/^Billing$/m);
    await tdb.db.query('DELETE FROM ticket_billing WHERE ticket_id = (SELECT id FROM tickets WHERE ticket_uid = $1)', [uids.bulk0]);
    const text = pdfText(await bytes((await exportTicket(ctxFor(agent), uids.bulk0)).stream), 'unclassified.pdf');
    expect(text).toContain('Routine check 0');
  });
});

describe('export failures', () => {
  it('lets a database failure while reading billing surface as an error, not a PDF without billing', async () => {
    const failing = { ...tdb.db, query: (sql: string, params?: readonly unknown[]) => (sql.includes('ticket_billing') ? Promise.reject(new Error('connection reset')) : tdb.db.query(sql, params)) };
    await expect(exportTicket({ ...ctxFor(agent), db: failing as typeof tdb.db }, uids.critical)).rejects.toThrow('connection reset');
  });
});

describe('PDF plumbing', () => {
  it('falls back to Helvetica with Latin-1 text when the DejaVu fonts are missing', async () => {
    const pdf = createPdf({ title: 'x', author: 'y', footer: 'Footer → here', fontDir: path.join(dir, 'no-fonts') });
    expect(pdf.body).toBe('Helvetica');
    pdf.doc.text(pdf.t('A → B'));
    pdf.doc.end();
    expect(pdfText(await bytes(pdf.doc), 'latin1.pdf')).toContain('A -> B');
  });

  it('fails the stream and reports the error when reading rows breaks midway', async () => {
    const errors: unknown[] = [];
    async function* broken() {
      yield* [];
      throw new Error('database went away');
    }
    const stream = ticketsReportPdf({
      rows: broken(), summary: emptySummary(), filterText: 'All tickets', generatedAt: new Date(), generatedBy: 'Test', timeZone: 'Africa/Johannesburg',
      truncatedAt: null, onError: (e) => errors.push(e),
    });
    await expect(bytes(stream)).rejects.toThrow('database went away');
    expect(errors).toHaveLength(1);
  });
});
