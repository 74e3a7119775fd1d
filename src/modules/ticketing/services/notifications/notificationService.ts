// Notifying people: picks each recipient's channels from their preferences, logs every send in notification_log
// and hands delivery to the outbox, all inside the caller's transaction (a rollback sends nothing).
import type { Queryable } from '@/src/lib/db';
import type { AppConfig } from '@/src/lib/config';
import type { Clock } from '@/src/lib/clock';
import { maskEmail, maskPhone, type Logger } from '@/src/lib/logger';
import { enqueueOutbox } from '../../db/outboxRepo';
import { attachOutbox, findNotificationPrefs, findRecipients, insertNotification, saveNotificationPrefs, type Recipient, markNotificationFailed } from '../../db/notificationRepo';
import { OUTBOX_KINDS, type EmailPayload, type WhatsappPayload } from '../../jobs/outboxTypes';
import type { NotificationChannel } from '../../types/enums';
import { notificationPrefsSchema, type NotificationEvent, type NotificationPrefs, type NotificationPrefsUpdate } from '../../types/notifications';
import type { ServiceContext } from '../context';
import { renderNotification, type TemplateInput } from './templates';

export interface NotifyDeps {
  config: AppConfig;
  clock: Clock;
  log: Logger;
}

export interface NotifyRequest {
  event: NotificationEvent;
  ticketId: string | null;
  userIds: readonly string[];
  /** Identifies this logical notification (e.g. sla:{ticket}:{target}:{threshold}:{cycle}); a repeat is a no-op. */
  dedupeKey: string;
  trigger: string;
  slaEventId?: string | null;
  template: Omit<TemplateInput, 'recipientName' | 'timezone' | 'appUrl'> & { timezone?: string };
}

/** Stored preferences, with defaults for anything missing or malformed. */
export function parsePrefs(raw: unknown): NotificationPrefs {
  const r = notificationPrefsSchema.safeParse(raw ?? {});
  return r.success ? r.data : notificationPrefsSchema.parse({});
}

/** A WhatsApp chat id from a phone number: international digits, a South African 0XX number gets 27. */
export function phoneToChatId(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  const intl = digits.length === 10 && digits.startsWith('0') ? `27${digits.slice(1)}` : digits;
  return intl.length >= 10 && intl.length <= 15 ? `${intl}@c.us` : null;
}

/** The channels and addresses one recipient gets for an event. */
export function deliveriesFor(r: Pick<Recipient, 'email' | 'phone' | 'prefs'>, event: NotificationEvent): { channel: NotificationChannel; address: string }[] {
  const prefs = parsePrefs(r.prefs);
  if (prefs.muted.includes(event)) return [];
  const out: { channel: NotificationChannel; address: string }[] = [];
  if (prefs.email && r.email) out.push({ channel: 'email', address: r.email });
  const chatId = prefs.whatsapp ? phoneToChatId(r.phone) : null;
  if (chatId) out.push({ channel: 'whatsapp', address: chatId });
  return out;
}

/** Queues the notification for every recipient and channel; returns how many sends were queued now. */
/** A channel can deliver only once its server is configured. */
export function channelConfigured(config: Pick<NotifyDeps['config'], 'SMTP_HOST' | 'WAHA_URL'>, channel: string): boolean {
  return channel === 'email' ? Boolean(config.SMTP_HOST) : Boolean(config.WAHA_URL);
}

export async function notifyUsers(tx: Queryable, deps: NotifyDeps, req: NotifyRequest): Promise<{ queued: number }> {
  const now = deps.clock.now();
  let queued = 0;
  const recipients = await findRecipients(tx, [...new Set(req.userIds)]);
  for (const r of recipients) {
    const message = renderNotification(req.event, {
      ...req.template, timezone: req.template.timezone ?? deps.config.BUSINESS_TIMEZONE, appUrl: deps.config.APP_URL, recipientName: r.name,
    });
    for (const d of deliveriesFor(r, req.event)) {
      const id = await insertNotification(tx, {
        channel: d.channel, recipient: d.address, template: req.event, ticketId: req.ticketId, userId: r.id, trigger: req.trigger,
        dedupeKey: `${req.dedupeKey}:${r.id}:${d.channel}`, slaEventId: req.slaEventId ?? null, createdAt: now,
      });
      if (!id) continue;
      if (!channelConfigured(deps.config, d.channel)) {
        // Logged with its outcome, but not queued: retrying cannot help until the channel is set up.
        await markNotificationFailed(tx, id, `${d.channel} is not configured (${d.channel === 'email' ? 'SMTP_HOST' : 'WAHA_URL'} unset)`);
        continue;
      }
      const payload: EmailPayload | WhatsappPayload =
        d.channel === 'email'
          ? { to: d.address, subject: message.subject, text: message.text, html: message.html, template: req.event, notificationId: id }
          : { chatId: d.address, text: `${message.subject}\n\n${message.text}`, template: req.event, notificationId: id };
      const outbox = await enqueueOutbox(tx, {
        kind: d.channel === 'email' ? OUTBOX_KINDS.email : OUTBOX_KINDS.whatsapp,
        payload,
        idempotencyKey: `notification:${id}`,
        ticketId: req.ticketId,
        maxAttempts: deps.config.OUTBOX_MAX_ATTEMPTS,
        runAt: now,
      });
      await attachOutbox(tx, id, outbox.id);
      queued += 1;
      deps.log.info({ notificationId: id, event: req.event, channel: d.channel, to: d.channel === 'email' ? maskEmail(d.address) : maskPhone(d.address) }, 'notification queued');
    }
  }
  return { queued };
}

export async function getMyNotificationPrefs(ctx: ServiceContext): Promise<NotificationPrefs> {
  // The route needs a logged-in user, so there is an id.
  return parsePrefs(await findNotificationPrefs(ctx.db, ctx.user.id as string));
}

export async function updateMyNotificationPrefs(ctx: ServiceContext, input: NotificationPrefsUpdate): Promise<NotificationPrefs> {
  const userId = ctx.user.id as string;
  return ctx.db.transaction(async (tx) => {
    const next: NotificationPrefs = { ...parsePrefs(await findNotificationPrefs(tx, userId)), ...input };
    await saveNotificationPrefs(tx, userId, next, ctx.clock.now());
    return next;
  });
}
