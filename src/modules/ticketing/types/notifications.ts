// Zod schemas for notifications: events, per-user preferences, and the log rows the API shows.
import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES } from './enums';

export const NOTIFICATION_EVENTS = ['sla.warning', 'sla.escalation', 'sla.breach', 'ticket.assigned', 'network.repeat_fault'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** users.notification_prefs: which channels a person wants, and which events they muted. */
export const notificationPrefsSchema = z.object({
  email: z.boolean().default(true),
  whatsapp: z.boolean().default(false),
  muted: z.array(z.enum(NOTIFICATION_EVENTS)).default([]),
});
export type NotificationPrefs = z.infer<typeof notificationPrefsSchema>;

export const notificationPrefsUpdateSchema = z
  .object({ email: z.boolean().optional(), whatsapp: z.boolean().optional(), muted: z.array(z.enum(NOTIFICATION_EVENTS)).max(10).optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Give at least one preference to change');
export type NotificationPrefsUpdate = z.infer<typeof notificationPrefsUpdateSchema>;

export const notificationLogSchema = z.object({
  id: z.string().uuid(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  recipient: z.string(),
  template: z.string(),
  ticketId: z.string().nullable(),
  userId: z.string().nullable(),
  trigger: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NotificationLogEntry = z.infer<typeof notificationLogSchema>;
