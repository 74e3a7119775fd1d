// Outbox handlers for notifications (email, WhatsApp), keyed by outbox kind.
import type { OutboxHandler } from '../../jobs/outboxTypes';

export const notificationOutboxHandlers: Record<string, OutboxHandler> = {};
