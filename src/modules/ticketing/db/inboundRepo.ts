// inbound_events: every webhook body and polled payload, stored before anything else and processed by the worker.
// Unique per (source, external_id), so a redelivery is a no-op; claimed with SKIP LOCKED under a lease.
import type { Queryable } from '@/src/lib/db';
import type { InboundStatus } from '../types/enums';

export interface InboundEvent {
  id: string;
  source: string;
  externalId: string;
  eventType: string | null;
  payload: unknown;
  headers: Record<string, unknown> | null;
  status: InboundStatus;
  error: string | null;
  attempts: number;
  ticketId: string | null;
  ticketUid: string | null;
  receivedAt: string;
  processedAt: string | null;
  nextAttemptAt: string;
}

interface Row {
  id: string; source: string; external_id: string; event_type: string | null; payload: unknown; headers: Record<string, unknown> | null;
  status: InboundStatus; error: string | null; attempts: number; ticket_id: string | null; ticket_uid: string | null;
  received_at: Date; processed_at: Date | null; next_attempt_at: Date;
}

const SELECT = `SELECT e.id, e.source, e.external_id, e.event_type, e.payload, e.headers, e.status, e.error, e.attempts, e.ticket_id,
       t.ticket_uid, e.received_at, e.processed_at, e.next_attempt_at
  FROM inbound_events e LEFT JOIN tickets t ON t.id = e.ticket_id`;

const iso = (d: Date) => new Date(d).toISOString();

function map(r: Row): InboundEvent {
  return {
    id: r.id, source: r.source, externalId: r.external_id, eventType: r.event_type, payload: r.payload, headers: r.headers,
    status: r.status, error: r.error, attempts: Number(r.attempts), ticketId: r.ticket_id, ticketUid: r.ticket_uid,
    receivedAt: iso(r.received_at), processedAt: r.processed_at ? iso(r.processed_at) : null, nextAttemptAt: iso(r.next_attempt_at),
  };
}

export interface NewInboundEvent {
  source: string;
  externalId: string;
  eventType?: string | null;
  payload: unknown;
  headers?: Record<string, unknown> | null;
  /** A payload stored only for the record (an echo, an event we do not handle): never processed. */
  status?: 'received' | 'ignored';
  error?: string | null;
}

/** Stores the event unless (source, externalId) is already there; says which. */
export async function insertInboundEvent(q: Queryable, e: NewInboundEvent, now: Date): Promise<{ id: string; duplicate: boolean }> {
  // One statement either way. On a redelivery the no-op update (updated_at set to itself: nothing changes) makes the
  // stored row's id come back, even when that row was committed while this statement ran; xmax is 0 only on an insert.
  const { rows } = await q.query<{ id: string; inserted: boolean }>(
    `INSERT INTO inbound_events (source, external_id, event_type, payload, headers, status, error, received_at, next_attempt_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
     ON CONFLICT (source, external_id) DO UPDATE SET updated_at = inbound_events.updated_at
     RETURNING id, (xmax = 0) AS inserted`,
    [e.source, e.externalId, e.eventType ?? null, JSON.stringify(e.payload), e.headers ? JSON.stringify(e.headers) : null, e.status ?? 'received', e.error ?? null, now],
  );
  return { id: rows[0].id, duplicate: !rows[0].inserted };
}

/**
 * Stores an event already claimed by `workerId` (a poller that applies it at once): one statement. Null when
 * (source, externalId) is already stored; the caller then claims that row the usual way.
 */
export async function insertClaimedInboundEvent(q: Queryable, e: NewInboundEvent, o: { now: Date; workerId: string }): Promise<InboundEvent | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO inbound_events (source, external_id, event_type, payload, headers, status, attempts, locked_at, locked_by, received_at, next_attempt_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'processing', 1, $6, $7, $6, $6, $6)
     ON CONFLICT (source, external_id) DO NOTHING RETURNING id`,
    [e.source, e.externalId, e.eventType ?? null, JSON.stringify(e.payload), e.headers ? JSON.stringify(e.headers) : null, o.now, o.workerId],
  );
  if (!rows[0]) return null;
  const at = o.now.toISOString();
  return {
    id: rows[0].id, source: e.source, externalId: e.externalId, eventType: e.eventType ?? null, payload: e.payload, headers: e.headers ?? null,
    status: 'processing', error: null, attempts: 1, ticketId: null, ticketUid: null, receivedAt: at, processedAt: null, nextAttemptAt: at,
  };
}

/**
 * Claims up to `limit` due events (received, failed whose backoff has passed, or processing under an expired lease) of
 * the given sources, oldest first. Each source is read along its own stretch of the due index (equality on source,
 * then claim order), so the claim stops after the first rows even while a burst has left the statistics stale.
 */
export async function claimDueInbound(
  q: Queryable,
  o: { now: Date; workerId: string; limit: number; leaseMs: number; sources: readonly string[] },
): Promise<InboundEvent[]> {
  // One statement: the claimed rows come back whole (RETURNING has no ORDER BY: sorted here, by arrival).
  const { rows } = await q.query<Row>(
    `UPDATE inbound_events e SET status = 'processing', locked_at = $1, locked_by = $2, attempts = e.attempts + 1, updated_at = $1
      WHERE e.id IN (
        SELECT due.id FROM unnest($5::text[]) AS s(source)
         CROSS JOIN LATERAL (
           SELECT id, next_attempt_at, received_at FROM inbound_events
            WHERE source = s.source AND status IN ('received', 'failed', 'processing') AND next_attempt_at <= $1
              AND (status <> 'processing' OR locked_at < $1::timestamptz - make_interval(secs => $4::double precision / 1000))
            ORDER BY next_attempt_at, received_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED) AS due
         ORDER BY due.next_attempt_at, due.received_at
         LIMIT $3)
      RETURNING e.id, e.source, e.external_id, e.event_type, e.payload, e.headers, e.status, e.error, e.attempts, e.ticket_id,
                (SELECT t.ticket_uid FROM tickets t WHERE t.id = e.ticket_id) AS ticket_uid, e.received_at, e.processed_at, e.next_attempt_at,
                to_char(e.received_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') AS arrival`,
    [o.now, o.workerId, o.limit, o.leaseMs, [...o.sources]],
  );
  // By arrival to the microsecond (the ISO strings keep milliseconds only), then id, as ORDER BY received_at, id would.
  const key = (r: Row & { arrival: string }) => `${r.arrival}:${r.id}`;
  return (rows as (Row & { arrival: string })[]).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(map);
}

/** Claims one given event for processing right away (a poller that stored it a moment ago); null when not claimable. */
export async function claimInboundEvent(q: Queryable, id: string, o: { now: Date; workerId: string }): Promise<InboundEvent | null> {
  const { rowCount } = await q.query(
    `UPDATE inbound_events SET status = 'processing', locked_at = $2, locked_by = $3, attempts = attempts + 1, updated_at = $2
      WHERE id = $1 AND status IN ('received', 'failed')`,
    [id, o.now, o.workerId],
  );
  return rowCount === 1 ? findInboundEvent(q, id) : null;
}

export interface InboundResolution {
  status: 'processed' | 'ignored' | 'review' | 'failed' | 'dead';
  error?: string | null;
  ticketId?: string | null;
  nextAttemptAt?: Date;
}

/** Records the outcome of processing; only the worker holding the lease may (false otherwise). */
export async function resolveInboundEvent(q: Queryable, id: string, workerId: string, r: InboundResolution, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE inbound_events SET status = $3, error = $4, ticket_id = COALESCE($5, ticket_id), next_attempt_at = COALESCE($6, next_attempt_at),
            processed_at = CASE WHEN $3 IN ('processed', 'ignored') THEN $7 ELSE processed_at END,
            locked_at = NULL, locked_by = NULL, updated_at = $7
      WHERE id = $1 AND locked_by = $2 AND status = 'processing'`,
    [id, workerId, r.status, r.error ? r.error.slice(0, 4000) : null, r.ticketId ?? null, r.nextAttemptAt ?? null, now],
  );
  return rowCount === 1;
}

/** Records the outcomes of a batch in one statement; returns the ids the worker still held (a lease taken over wins). */
export async function resolveInboundEvents(q: Queryable, workerId: string, done: { id: string; r: InboundResolution }[], now: Date): Promise<Set<string>> {
  if (done.length === 0) return new Set();
  const col = <T>(f: (d: { id: string; r: InboundResolution }) => T) => done.map(f);
  const { rows } = await q.query<{ id: string }>(
    `UPDATE inbound_events e SET status = r.status, error = r.error, ticket_id = COALESCE(r.ticket_id, e.ticket_id),
            next_attempt_at = COALESCE(r.next_at, e.next_attempt_at),
            processed_at = CASE WHEN r.status IN ('processed', 'ignored') THEN $2 ELSE e.processed_at END,
            locked_at = NULL, locked_by = NULL, updated_at = $2
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[]) AS r(id, status, error, ticket_id, next_at)
      WHERE e.id = r.id AND e.locked_by = $1 AND e.status = 'processing'
     RETURNING e.id`,
    [workerId, now, col((d) => d.id), col((d) => d.r.status), col((d) => (d.r.error ? d.r.error.slice(0, 4000) : null)),
      col((d) => d.r.ticketId ?? null), col((d) => d.r.nextAttemptAt ?? null)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Takes the transaction-scoped advisory locks of several keys (as pg_advisory_xact_lock(hashtext(key)) does for one)
 * in one statement, in ascending hash order: two transactions taking overlapping sets never wait on each other in a circle.
 */
export async function lockInboundKeys(tx: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    'SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS s',
    [[...keys]],
  );
}

/** A person settled an event from the review queue (linked, opened as a ticket, dismissed). */
export async function settleInboundEvent(q: Queryable, id: string, s: { status: 'processed' | 'ignored'; ticketId?: string | null; note?: string | null }, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE inbound_events SET status = $2, ticket_id = COALESCE($3, ticket_id), error = COALESCE($4, error), processed_at = $5, updated_at = $5,
            locked_at = NULL, locked_by = NULL
      WHERE id = $1 AND status IN ('review', 'failed', 'dead', 'ignored')`,
    [id, s.status, s.ticketId ?? null, s.note ?? null, now],
  );
  return rowCount === 1;
}

/** Puts a failed, dead, review or ignored event back in the queue with a fresh set of attempts. */
export async function requeueInboundEvent(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE inbound_events SET status = 'received', attempts = 0, next_attempt_at = $2, updated_at = $2, locked_at = NULL, locked_by = NULL
      WHERE id = $1 AND status IN ('failed', 'dead', 'review', 'ignored')`,
    [id, now],
  );
  return rowCount === 1;
}

export async function findInboundEvent(q: Queryable, id: string): Promise<InboundEvent | null> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE e.id = $1`, [id]);
  return rows[0] ? map(rows[0]) : null;
}

export async function findInboundByExternalId(q: Queryable, source: string, externalId: string): Promise<InboundEvent | null> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE e.source = $1 AND e.external_id = $2`, [source, externalId]);
  return rows[0] ? map(rows[0]) : null;
}

export async function listInboundEvents(
  q: Queryable,
  f: { sources?: readonly string[]; statuses?: readonly InboundStatus[]; ticketId?: string; limit: number; offset: number },
): Promise<InboundEvent[]> {
  const { rows } = await q.query<Row>(
    `${SELECT}
      WHERE ($1::text[] IS NULL OR e.source = ANY($1::text[])) AND ($2::text[] IS NULL OR e.status = ANY($2::text[]))
        AND ($3::uuid IS NULL OR e.ticket_id = $3)
      ORDER BY e.received_at DESC, e.id LIMIT $4 OFFSET $5`,
    [f.sources ?? null, f.statuses ?? null, f.ticketId ?? null, f.limit, f.offset],
  );
  return rows.map(map);
}

export interface InboundSourceSummary {
  source: string;
  lastReceivedAt: string | null;
  lastProcessedAt: string | null;
  counts: Record<InboundStatus, number>;
}

/** Per source: when the last event came and was processed, and how many sit in each state. */
export async function summariseInbound(q: Queryable, sources: readonly string[]): Promise<InboundSourceSummary[]> {
  const { rows } = await q.query<{ source: string; status: InboundStatus; n: number; last_received: Date | null; last_processed: Date | null }>(
    `SELECT source, status, count(*)::int AS n, max(received_at) AS last_received, max(processed_at) AS last_processed
       FROM inbound_events WHERE source = ANY($1::text[]) GROUP BY source, status`,
    [[...sources]],
  );
  return sources.map((source) => {
    const counts: Record<InboundStatus, number> = { received: 0, processing: 0, processed: 0, failed: 0, ignored: 0, review: 0, dead: 0 };
    let lastReceived: number | null = null;
    let lastProcessed: number | null = null;
    // max(received_at) is never null in a group; max(processed_at) is null while none of the group was processed.
    for (const r of rows.filter((x) => x.source === source)) {
      counts[r.status] = Number(r.n);
      lastReceived = Math.max(lastReceived ?? 0, new Date(r.last_received as Date).getTime());
      if (r.last_processed) lastProcessed = Math.max(lastProcessed ?? 0, new Date(r.last_processed).getTime());
    }
    return {
      source,
      lastReceivedAt: lastReceived === null ? null : new Date(lastReceived).toISOString(),
      lastProcessedAt: lastProcessed === null ? null : new Date(lastProcessed).toISOString(),
      counts,
    };
  });
}
