// The routes `npm run receiver` serves (scripts/receiver.ts): the channels' webhooks and health, the same handlers
// Next.js runs for these paths.
import type { RouteHandler } from '@/src/lib/http/receiver';
import health from '../pages/api/ticketing/health';
import email from '../pages/api/ticketing/tickets-webhook-email';
import qcontact from '../pages/api/ticketing/tickets-webhook-qcontact';
import whatsapp from '../pages/api/ticketing/tickets-webhook-whatsapp';

export const RECEIVER_ROUTES: Record<string, RouteHandler> = {
  '/api/ticketing/tickets-webhook-whatsapp': whatsapp,
  '/api/ticketing/tickets-webhook-email': email,
  '/api/ticketing/tickets-webhook-qcontact': qcontact,
  '/api/ticketing/health': health,
};
