// SQL for the outbox: every outbound call is a row written in the same transaction as the change causing it.
import type { Queryable } from '@/src/lib/db';
import type { OutboxStatus } from '../types/enums';
import type { OutboxItem } from '../jobs/outboxTypes';

export interface OutboxEnqueue {
  kind: string;
  payload: unknown;
  /** Unique per logical call: a second enqueue with the same key is a no-op. */
  idempotencyKey: string;
  ticketId?: string | null;
  maxAttempts?: number;
  /** When it becomes due; pass ctx.clock.now() so a manual clock governs delivery (default: the database's now()). */
  runAt?: Date;
}

export async function enqueueOutbox(tx: Queryable, item: OutboxEnqueue): Promise<{ id: string | null; created: boolean }> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO outbox (kind, payload, idempotency_key, ticket_id, max_attempts, next_attempt_at)
     VALUES ($1, $2, $3, $4, COALESCE($5, 8), COALESCE($6, now()))
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [item.kind, JSON.stringify(item.payload), item.idempotencyKey, item.ticketId ?? null, item.maxAttempts ?? null, item.runAt ?? null],
  );
  return { id: rows[0]?.id ?? null, created: rows.length === 1 };
}

/**
 * Claims up to `limit` due rows for one worker in a single statement: pending or failed rows whose time has come, and
 * rows left in processing by a worker that died (lease expired). SKIP LOCKED lets any number of workers run.
 */
export async function claimDueOutbox(
  q: Queryable,
  o: { now: Date; limit: number; workerId: string; leaseExpiredBefore: Date; kinds?: readonly string[] },
): Promise<OutboxItem[]> {
  const { rows } = await q.query<{
    id: string; kind: string; payload: unknown; idempotency_key: string; ticket_id: string | null; attempts: number; max_attempts: number;
  }>(
    `WITH due AS (
       SELECT id FROM outbox
        WHERE status IN ('pending', 'failed', 'processing') AND next_attempt_at <= $1 AND (status <> 'processing' OR locked_at < $4)
          AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
        ORDER BY next_attempt_at, created_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET status = 'processing', attempts = o.attempts + 1, locked_at = $1, locked_by = $3, updated_at = $1
       FROM due WHERE o.id = due.id
     RETURNING o.id, o.kind, o.payload, o.idempotency_key, o.ticket_id, o.attempts, o.max_attempts, o.next_attempt_at`,
    [o.now, o.limit, o.workerId, o.leaseExpiredBefore, o.kinds ? [...o.kinds] : null],
  );
  return rows.map((r) => ({
    id: r.id, kind: r.kind, payload: r.payload, idempotencyKey: r.idempotency_key, ticketId: r.ticket_id,
    attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts),
  }));
}

/** Only the worker holding the claim may settle a row (a lease taken over by another worker wins). */
export async function markOutboxSent(q: Queryable, id: string, workerId: string, response: unknown, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE outbox SET status = 'sent', response = $3, last_error = NULL, sent_at = $4, updated_at = $4, locked_at = NULL, locked_by = NULL
      WHERE id = $1 AND locked_by = $2 AND status = 'processing'`,
    [id, workerId, JSON.stringify(response ?? null), now],
  );
  return rowCount === 1;
}

export async function markOutboxFailed(
  q: Queryable,
  id: string,
  workerId: string,
  f: { status: 'failed' | 'dead'; error: string; nextAttemptAt: Date; response?: unknown; now: Date },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE outbox SET status = $3, last_error = $4, next_attempt_at = $5, response = COALESCE($6, response), updated_at = $7,
       locked_at = NULL, locked_by = NULL
      WHERE id = $1 AND locked_by = $2 AND status = 'processing'`,
    [id, workerId, f.status, f.error.slice(0, 4000), f.nextAttemptAt, f.response === undefined ? null : JSON.stringify(f.response), f.now],
  );
  return rowCount === 1;
}

export interface OutboxEntry {
  id: string;
  kind: string;
  payload: unknown;
  idempotencyKey: string;
  ticketId: string | null;
  ticketUid: string | null;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  response: unknown;
  lockedBy: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

interface EntryRow {
  id: string; kind: string; payload: unknown; idempotency_key: string; ticket_id: string | null; ticket_uid: string | null;
  status: OutboxStatus; attempts: number; max_attempts: number; next_attempt_at: Date; last_error: string | null; response: unknown;
  locked_by: string | null; created_at: Date; updated_at: Date; sent_at: Date | null;
}

const ENTRY_SELECT = `SELECT o.id, o.kind, o.payload, o.idempotency_key, o.ticket_id, t.ticket_uid, o.status, o.attempts, o.max_attempts,
       o.next_attempt_at, o.last_error, o.response, o.locked_by, o.created_at, o.updated_at, o.sent_at
  FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id`;

function mapEntry(r: EntryRow): OutboxEntry {
  const iso = (d: Date) => new Date(d).toISOString();
  return {
    id: r.id, kind: r.kind, payload: r.payload, idempotencyKey: r.idempotency_key, ticketId: r.ticket_id, ticketUid: r.ticket_uid,
    status: r.status, attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts), nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error, response: r.response, lockedBy: r.locked_by, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    sentAt: r.sent_at ? iso(r.sent_at) : null,
  };
}

export async function listOutbox(
  q: Queryable,
  f: { status?: OutboxStatus; kind?: string; ticketId?: string; limit: number; offset: number },
): Promise<OutboxEntry[]> {
  const { rows } = await q.query<EntryRow>(
    `${ENTRY_SELECT}
      WHERE ($1::text IS NULL OR o.status = $1) AND ($2::text IS NULL OR o.kind = $2) AND ($3::uuid IS NULL OR o.ticket_id = $3)
      ORDER BY o.created_at DESC, o.id LIMIT $4 OFFSET $5`,
    [f.status ?? null, f.kind ?? null, f.ticketId ?? null, f.limit, f.offset],
  );
  return rows.map(mapEntry);
}

export async function findOutbox(q: Queryable, id: string): Promise<OutboxEntry | null> {
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} WHERE o.id = $1`, [id]);
  return rows[0] ? mapEntry(rows[0]) : null;
}

export async function countOutboxByStatus(q: Queryable): Promise<Record<OutboxStatus, number>> {
  const { rows } = await q.query<{ status: OutboxStatus; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status');
  const counts: Record<OutboxStatus, number> = { pending: 0, processing: 0, sent: 0, failed: 0, dead: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Puts a failed or dead row back in the queue with a fresh set of attempts; false when it is in another state. */
export async function requeueOutbox(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2, locked_at = NULL, locked_by = NULL
      WHERE id = $1 AND status IN ('failed', 'dead')`,
    [id, now],
  );
  return rowCount === 1;
}

/** Per outbox kind: how many items sit in each status (the integration page's backlog and dead counts). */
export async function countOutboxByKind(q: Queryable, kinds: readonly string[]): Promise<Record<string, Record<OutboxStatus, number>>> {
  const { rows } = await q.query<{ kind: string; status: OutboxStatus; n: number }>(
    'SELECT kind, status, count(*)::int AS n FROM outbox WHERE kind = ANY($1::text[]) GROUP BY kind, status',
    [[...kinds]],
  );
  const out: Record<string, Record<OutboxStatus, number>> = {};
  for (const k of kinds) out[k] = { pending: 0, processing: 0, sent: 0, failed: 0, dead: 0 };
  for (const r of rows) out[r.kind][r.status] = Number(r.n);
  return out;
}

/** The most recent failed or dead items of these kinds, newest first. */
export async function recentOutboxFailures(q: Queryable, kinds: readonly string[], limit: number): Promise<OutboxEntry[]> {
  const { rows } = await q.query<EntryRow>(
    `${ENTRY_SELECT} WHERE o.kind = ANY($1::text[]) AND o.status IN ('failed', 'dead') ORDER BY o.updated_at DESC, o.id LIMIT $2`,
    [[...kinds], limit],
  );
  return rows.map(mapEntry);
}
