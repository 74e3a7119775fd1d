// The QContact client as the app's settings describe it, or null while QContact is not configured.
import type { AppConfig } from '@/src/lib/config';
import { createQcontactClient, type QcontactClient } from './qcontactClient';

export function qcontactConfigured(c: AppConfig): boolean {
  return Boolean(c.QCONTACT_URL && c.QCONTACT_EMAIL && c.QCONTACT_PASSWORD && c.QCONTACT_ASSIGNEE_ID);
}

export function qcontactClientFromConfig(c: AppConfig): QcontactClient | null {
  if (!qcontactConfigured(c)) return null;
  return createQcontactClient({ baseUrl: c.QCONTACT_URL as string, email: c.QCONTACT_EMAIL as string, password: c.QCONTACT_PASSWORD as string, timeoutMs: c.QCONTACT_TIMEOUT_MS });
}
