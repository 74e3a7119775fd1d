// SQL for notifications: recipients and their preferences, and notification_log (one row per send, with its outcome).
import type { Queryable } from '@/src/lib/db';
import type { NotificationChannel } from '../types/enums';
import type { NotificationLogEntry } from '../types/notifications';

export interface Recipient {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  role: string;
  prefs: unknown;
}

export async function findRecipients(q: Queryable, ids: readonly string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<{ id: string; name: string; email: string; phone: string | null; role: string; notification_prefs: unknown }>(
    'SELECT id, name, email, phone, role, notification_prefs FROM users WHERE id = ANY($1::uuid[]) AND active ORDER BY name, id',
    [ids],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, role: r.role, prefs: r.notification_prefs }));
}

export async function listActiveUserIdsByRole(q: Queryable, role: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM users WHERE role = $1 AND active ORDER BY name, id', [role]);
  return rows.map((r) => r.id);
}

export async function findNotificationPrefs(q: Queryable, userId: string): Promise<unknown> {
  const { rows } = await q.query<{ notification_prefs: unknown }>('SELECT notification_prefs FROM users WHERE id = $1', [userId]);
  return rows[0].notification_prefs;
}

export async function saveNotificationPrefs(q: Queryable, userId: string, prefs: unknown, now: Date): Promise<void> {
  await q.query('UPDATE users SET notification_prefs = $2, updated_at = $3 WHERE id = $1', [userId, JSON.stringify(prefs), now]);
}

export interface NotificationWrite {
  channel: NotificationChannel;
  recipient: string;
  template: string;
  ticketId: string | null;
  userId: string | null;
  trigger: string;
  dedupeKey: string;
  slaEventId: string | null;
  createdAt: Date;
}

/** Inserts a pending row; null when its dedupe key already exists (this send was already made). */
export async function insertNotification(q: Queryable, n: NotificationWrite): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO notification_log (channel, recipient, template, ticket_id, user_id, trigger, dedupe_key, sla_event_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [n.channel, n.recipient, n.template, n.ticketId, n.userId, n.trigger, n.dedupeKey, n.slaEventId, n.createdAt],
  );
  return rows[0]?.id ?? null;
}

export async function attachOutbox(q: Queryable, id: string, outboxId: string | null): Promise<void> {
  await q.query('UPDATE notification_log SET outbox_id = $2 WHERE id = $1', [id, outboxId]);
}

export async function markNotificationSent(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query("UPDATE notification_log SET status = 'sent', sent_at = $2, error = NULL WHERE id = $1", [id, at]);
}

export async function markNotificationFailed(q: Queryable, id: string, error: string): Promise<void> {
  await q.query("UPDATE notification_log SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'sent'", [id, error.slice(0, 2000)]);
}

export async function listNotifications(q: Queryable, ticketId: string): Promise<NotificationLogEntry[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT id, channel, recipient, template, ticket_id, user_id, trigger, status, error, created_at, sent_at
       FROM notification_log WHERE ticket_id = $1 ORDER BY created_at, id`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    channel: r.channel as NotificationLogEntry['channel'],
    recipient: String(r.recipient),
    template: String(r.template),
    ticketId: r.ticket_id as string | null,
    userId: r.user_id as string | null,
    trigger: String(r.trigger),
    status: r.status as NotificationLogEntry['status'],
    error: r.error as string | null,
    createdAt: new Date(r.created_at as string).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at as string).toISOString() : null,
  }));
}

/** One log row's routing facts (the SMS fallback copies them). */
export async function findNotification(q: Queryable, id: string): Promise<{ id: string; ticketId: string | null; userId: string | null; template: string; trigger: string; channel: string } | null> {
  const { rows } = await q.query<{ id: string; ticket_id: string | null; user_id: string | null; template: string; trigger: string; channel: string }>(
    'SELECT id, ticket_id, user_id, template, trigger, channel FROM notification_log WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, ticketId: r.ticket_id, userId: r.user_id, template: r.template, trigger: r.trigger, channel: r.channel } : null;
}
