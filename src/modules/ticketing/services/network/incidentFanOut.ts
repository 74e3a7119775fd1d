// Pure fan-out of a mass incident's update to its children's customers: one message per chat or address.
import { phoneToChatId } from '../notifications/notificationService';

export interface ChildContact {
  ticketId: string;
  ticketUid: string;
  reporterPhone: string | null;
  reporterEmail: string | null;
}

export interface Delivery {
  channel: 'whatsapp' | 'email';
  address: string;
  ticketUids: string[];
  /** The first child's id (the outbox row is filed under it). */
  ticketId: string;
  /** Unique per incident, update and address: a repeat of the same update is a no-op in the outbox. */
  idempotencyKey: string;
}

/** WhatsApp where the reporter has a phone, else email; each chat or address once, with all its tickets. */
export function planFanOut(parentId: string, updateKey: string, children: readonly ChildContact[]): Delivery[] {
  const byAddress = new Map<string, Delivery>();
  for (const c of children) {
    const chat = phoneToChatId(c.reporterPhone);
    const email = c.reporterEmail?.trim().toLowerCase() || null;
    const target: Pick<Delivery, 'channel' | 'address'> | null = chat ? { channel: 'whatsapp', address: chat } : email ? { channel: 'email', address: email } : null;
    if (!target) continue;
    const k = `${target.channel}:${target.address}`;
    const d = byAddress.get(k);
    if (d) d.ticketUids.push(c.ticketUid);
    else byAddress.set(k, { ...target, ticketUids: [c.ticketUid], ticketId: c.ticketId, idempotencyKey: `incident:${parentId}:${updateKey}:${k}` });
  }
  return [...byAddress.values()];
}

const STATUS_WORDS: Record<string, string> = {
  triaged: 'has been checked', assigned: 'has a technician assigned', in_progress: 'is being repaired', blocked: 'is on hold',
  resolved: 'has been repaired', closed: 'is closed', cancelled: 'was closed without work', new: 'has been logged',
};

/** The customer's message for a status change or an external note of the incident. */
export function incidentMessage(parentUid: string, ticketUids: readonly string[], update: { status?: string; note?: string }): string {
  const yours = ticketUids.length === 1 ? `your ticket ${ticketUids[0]}` : `your tickets ${ticketUids.join(', ')}`;
  const what = update.note ?? `The network fault behind ${yours} ${STATUS_WORDS[update.status ?? ''] ?? `is now ${update.status}`}.`;
  return `Update on network incident ${parentUid} (${yours}): ${what}`;
}
