// SQL for email threading: every message received or sent by its Message-ID (email_messages), the attachments a mail
// brought (idempotent by storage key), and bounces marking the notification they returned.
import type { Queryable } from '@/src/lib/db';

export interface EmailMessageRow {
  messageId: string;
  ticketId: string | null;
  direction: 'in' | 'out';
  notificationId: string | null;
}

function map(r: { message_id: string; ticket_id: string | null; direction: 'in' | 'out'; notification_id: string | null }): EmailMessageRow {
  return { messageId: r.message_id, ticketId: r.ticket_id, direction: r.direction, notificationId: r.notification_id };
}

/** Records a message; a Message-ID already known keeps its first row (a redelivery changes nothing). */
export async function recordEmailMessage(
  q: Queryable,
  m: { messageId: string; ticketId: string | null; direction: 'in' | 'out'; notificationId?: string | null; inboundEventId?: string | null; subject?: string | null; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO email_messages (message_id, ticket_id, direction, notification_id, inbound_event_id, subject, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING`,
    [m.messageId, m.ticketId, m.direction, m.notificationId ?? null, m.inboundEventId ?? null, m.subject ?? null, m.at],
  );
}

/** The known messages among these Message-IDs, most recent first. */
export async function findEmailMessages(q: Queryable, messageIds: readonly string[]): Promise<EmailMessageRow[]> {
  if (messageIds.length === 0) return [];
  const { rows } = await q.query<Parameters<typeof map>[0]>(
    `SELECT message_id, ticket_id, direction, notification_id FROM email_messages WHERE message_id = ANY($1::text[]) ORDER BY seq DESC`,
    [[...messageIds]],
  );
  return rows.map(map);
}

/** A ticket's mail thread in order (for In-Reply-To and References on the next message we send). */
export async function listTicketThread(q: Queryable, ticketId: string): Promise<EmailMessageRow[]> {
  const { rows } = await q.query<Parameters<typeof map>[0]>(
    'SELECT message_id, ticket_id, direction, notification_id FROM email_messages WHERE ticket_id = $1 ORDER BY seq',
    [ticketId],
  );
  return rows.map(map);
}

/** A bounce came back for a notification: failed, whatever it said before (sent included). */
export async function markNotificationBounced(q: Queryable, notificationId: string, error: string): Promise<void> {
  await q.query("UPDATE notification_log SET status = 'failed', error = $2 WHERE id = $1", [notificationId, error.slice(0, 2000)]);
}

/** Stores a mail attachment's row unless this storage key is already there (a reprocessed mail). True when added. */
export async function insertMailAttachment(
  q: Queryable,
  a: { id: string; ticketId: string; storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; at: Date },
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO ticket_attachments (id, ticket_id, storage_key, file_name, mime_type, size_bytes, sha256, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (storage_key) DO NOTHING`,
    [a.id, a.ticketId, a.storageKey, a.fileName, a.mimeType, a.sizeBytes, a.sha256, a.at],
  );
  return rowCount === 1;
}

/** One external note of a ticket (the one an agent just wrote). */
export async function findExternalNote(q: Queryable, ticketId: string, noteId: string): Promise<{ id: string; body: string } | null> {
  const { rows } = await q.query<{ id: string; body: string }>(
    `SELECT id, body FROM ticket_notes WHERE ticket_id = $1 AND id = $2 AND note_type = 'external'`,
    [ticketId, noteId],
  );
  return rows[0] ?? null;
}

/** Per intake path (webhook, imap): the last mail stored, and mail sent back as bounces of ours. */
export async function emailIntakeFigures(q: Queryable): Promise<{ lastByVia: Record<string, string>; bouncedNotifications: number }> {
  const via = await q.query<{ via: string; last: Date }>(
    `SELECT headers->>'via' AS via, max(received_at) AS last FROM inbound_events WHERE source = 'email' AND headers ? 'via' GROUP BY 1`,
  );
  const bounced = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification_log n JOIN email_messages m ON m.notification_id = n.id WHERE n.status = 'failed' AND n.error LIKE 'Bounced%'`,
  );
  return { lastByVia: Object.fromEntries(via.rows.map((r) => [r.via, new Date(r.last).toISOString()])), bouncedNotifications: Number(bounced.rows[0].n) };
}
