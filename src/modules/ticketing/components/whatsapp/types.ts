// What the WhatsApp routes return, as the screens read it.
export interface WaMessageView {
  id: string;
  chatId: string;
  wahaId: string | null;
  direction: 'in' | 'out';
  state: 'received' | 'unmatched' | 'dismissed' | 'pending' | 'sent' | 'failed';
  ticketId: string | null;
  ticketUid: string | null;
  sender: string | null;
  senderName: string | null;
  isGroup: boolean;
  body: string;
  replyTo: string | null;
  media: { mimetype: string | null; filename: string | null; attachmentId?: string | null; error?: string | null } | null;
  ack: number | null;
  error: string | null;
  editedBody: string | null;
  editedAt: string | null;
  revokedAt: string | null;
  sentByName: string | null;
  createdAt: string;
}

export interface ConversationView {
  ticketId: string;
  ticketUid: string;
  chatId: string | null;
  configured: boolean;
  messages: WaMessageView[];
}

/** The delivery state shown beside one of our messages: never more than the ack says. */
export function deliveryLabel(m: Pick<WaMessageView, 'state' | 'ack'>): { ticks: string; label: string; tone: 'wait' | 'ok' | 'read' | 'bad' } {
  if (m.state === 'failed' || m.ack === -1) return { ticks: '!', label: 'Failed', tone: 'bad' };
  if (m.state === 'pending') return { ticks: '…', label: 'Sending', tone: 'wait' };
  if ((m.ack ?? 0) >= 3) return { ticks: '✓✓', label: m.ack === 4 ? 'Played' : 'Read', tone: 'read' };
  if (m.ack === 2) return { ticks: '✓✓', label: 'Delivered', tone: 'ok' };
  return { ticks: '✓', label: 'Sent', tone: 'ok' };
}
