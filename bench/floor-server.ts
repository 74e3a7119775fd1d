// The bare floor: node:http + pg, no framework, no auth, no rules, no SLA views, no logging: the statements the
// product runs for each benchmarked request, on the same database. What the product adds is measured against this.
// Usage: DATABASE_URL=... PORT=... tsx bench/floor-server.ts   (prints "listening <port>" when ready)
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPgDb } from '../src/lib/db/pg';
import type { Queryable } from '../src/lib/db';
import { buildListSql, type Cursor } from '../src/modules/ticketing/db/ticketListRepo';
import { TICKET_SELECT } from '../src/modules/ticketing/db/ticketRows';
import { insertTicket, nextCounterValue } from '../src/modules/ticketing/db/ticketRepo';
import { appendHistory } from '../src/modules/ticketing/db/historyRepo';
import { countMine, readFlowCounters, readOpenCounters, sumPendingApprovals } from '../src/modules/ticketing/db/statsRepo';
import { findDueTickets } from '../src/modules/ticketing/db/slaRepo';
import type { TicketListQuery } from '../src/modules/ticketing/types/ticketList';

const db = createPgDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', Number(process.env.DATABASE_POOL_MAX ?? 10));
const ACTOR = { id: null, name: 'floor', role: 'admin' };

function listQuery(extra: Partial<TicketListQuery>): TicketListQuery {
  return { limit: 50, sort: 'created_at', order: 'desc', ...extra } as TicketListQuery;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const raw = await readRaw(req);
  return raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, string>) : {};
}

/** A WAHA webhook: the signature checked, then one bare insert into inbound_events (de-duplicated on the message id). */
async function ingest(req: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(req);
  const sig = createHmac('sha512', process.env.WAHA_WEBHOOK_KEY ?? '').update(raw).digest();
  const given = Buffer.from(String(req.headers['x-webhook-hmac'] ?? ''), 'hex');
  if (given.length !== sig.length || !timingSafeEqual(given, sig)) throw new Error('bad signature');
  const body = JSON.parse(raw.toString('utf8')) as { event: string; payload?: { id?: string; ack?: number } };
  const id = body.payload?.id;
  const externalId = body.event === 'message.ack' ? `ack:${id}:${body.payload?.ack}` : id ? `message:${id}` : createHash('sha256').update(raw).digest('hex');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO inbound_events (source, external_id, event_type, payload, received_at, next_attempt_at, updated_at)
     VALUES ('whatsapp', $1, $2, $3, now(), now(), now()) ON CONFLICT (source, external_id) DO NOTHING RETURNING id`,
    [externalId, body.event, raw.toString('utf8')],
  );
  return { id: rows[0]?.id ?? null, duplicate: !rows[0] };
}

function json(res: ServerResponse, status: number, data: unknown): void {
  const body = JSON.stringify({ success: true, data });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function list(q: Queryable, f: TicketListQuery, cursor: Cursor | null = null): Promise<Record<string, unknown>[]> {
  const { sql, params } = buildListSql(f, {}, cursor);
  return (await q.query<Record<string, unknown>>(sql, params)).rows;
}

async function create(body: Record<string, string>): Promise<unknown> {
  return db.transaction(async (tx) => {
    const n = await nextCounterValue(tx, 'internal');
    const uid = `FF-${String(n).padStart(6, '0')}`;
    const id = await insertTicket(tx, {
      ticketUid: uid, source: 'internal', ticketType: body.ticketType as 'fault', priority: body.priority as 'high', status: 'new',
      title: body.title, description: body.description, drNumber: body.drNumber, createdAt: new Date(),
    });
    await appendHistory(tx, { ticketId: id, actor: ACTOR, action: 'created', newValue: uid });
    return (await tx.query(`${TICKET_SELECT} WHERE t.id = $1`, [id])).rows[0];
  });
}

async function sweep(): Promise<number> {
  let cursor: { at: Date; id: string } | null = null;
  let n = 0;
  for (let batch = 0; batch < 25; batch++) {
    const due = await findDueTickets(db, new Date(), 200, cursor);
    for (const { id } of due) {
      n += 1;
      await db.transaction(async (tx) => {
        const { rows } = await tx.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE SKIP LOCKED', [id]);
        if (!rows[0]) return;
        await tx.query(
          `INSERT INTO sla_events (ticket_id, target, threshold, cycle, percent, threshold_at, due_at)
           VALUES ($1, 'resolution', 'breach', 1, 100, now(), now()) ON CONFLICT DO NOTHING`,
          [id],
        );
        await tx.query('UPDATE tickets SET sla_breached_at = now(), sla_next_check_at = NULL WHERE id = $1', [id]);
        await appendHistory(tx, { ticketId: id, actor: ACTOR, action: 'sla_breach', field: 'resolution', newValue: '100%' });
      });
    }
    if (due.length < 200) break;
    cursor = due[due.length - 1];
  }
  return n;
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function exportCsv(res: ServerResponse, max: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/csv' });
  const cols = ['ticket_uid', 'status', 'priority', 'source', 'title', 'dr_number', 'project_name', 'assignee_name', 'created_at', 'due_at'];
  res.write(`${cols.join(',')}\n`);
  let cursor: Cursor | null = null;
  let sent = 0;
  while (sent < max) {
    const rows = await list(db, listQuery({ limit: Math.min(200, max - sent) }), cursor);
    const page = rows.slice(0, Math.min(200, max - sent));
    if (!res.write(page.map((r) => cols.map((c) => csvCell(r[c])).join(',')).join('\n') + '\n')) {
      await new Promise((r) => res.once('drain', r));
    }
    sent += page.length;
    const last = page[page.length - 1];
    if (rows.length <= page.length || !last) break;
    cursor = { v: String(last.sort_key), id: String(last.id) };
  }
  res.end();
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://floor');
  const p = url.searchParams;
  switch (url.pathname) {
    case '/list':
      return json(res, 200, await list(db, listQuery({})));
    case '/search':
      return json(res, 200, await list(db, listQuery({ q: p.get('q') ?? '' })));
    case '/detail':
      return json(res, 200, (await db.query(`${TICKET_SELECT} WHERE t.ticket_uid = $1 AND t.deleted_at IS NULL`, [p.get('id')])).rows[0] ?? null);
    case '/stats': {
      const tz = 'Africa/Johannesburg';
      const since = new Date(Date.now() - 14 * 86_400_000);
      const [open, pending, perDay, mine] = await Promise.all([
        readOpenCounters(db), sumPendingApprovals(db, null), readFlowCounters(db, since, tz), countMine(db, p.get('user') ?? '00000000-0000-0000-0000-000000000000'),
      ]);
      return json(res, 200, { open, pending, perDay, mine });
    }
    case '/create':
      return json(res, 201, await create(await readBody(req)));
    case '/ingest':
      return json(res, 200, await ingest(req));
    case '/sla-sweep':
      return json(res, 200, { tickets: await sweep() });
    case '/export':
      return exportCsv(res, Number(p.get('max') ?? 100_000));
    default:
      return json(res, 404, null);
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch((err: Error) => {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(err.message);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address() as { port: number };
  process.stdout.write(`listening ${addr.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
