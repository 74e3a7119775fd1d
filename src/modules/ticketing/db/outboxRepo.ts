// SQL for the outbox: every outbound call is a row written in the same transaction as the change causing it.
import type { Queryable } from '@/src/lib/db';

export interface OutboxEnqueue {
  kind: string;
  payload: unknown;
  /** Unique per logical call: a second enqueue with the same key is a no-op. */
  idempotencyKey: string;
  ticketId?: string | null;
  maxAttempts?: number;
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
