// The email channel's panel: the webhook and the IMAP poller (last message, poll state, cursor, failures), bounces
// of our mail, and the mail set aside for a person.
import { formatDateTime } from '../format';
import { EmailReviewList } from './EmailReviewList';
import type { ChannelStatusView } from './IntegrationCard';

interface EmailDetails {
  webhook?: { configured: boolean; lastMessageAt: string | null };
  imap?: { configured: boolean; mailbox: string | null; lastMessageAt: string | null; lastRunAt: string | null; ok: boolean | null; error: string | null; lastUid: number | null; uidValidity: string | null; nextRunAt: string | null };
  smtp?: { configured: boolean; bouncedNotifications: number };
}

const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : 'never');

export function EmailPanel({ status, onChange }: { status: ChannelStatusView; onChange: () => void }) {
  const d = status.details as EmailDetails;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3 text-sm" data-testid="email-panel">
      <dl className="grid gap-2 sm:grid-cols-3">
        <div>
          <dt className="text-xs font-semibold text-slate-600">Webhook</dt>
          <dd>{d.webhook?.configured ? 'On' : 'Off (EMAIL_WEBHOOK_TOKEN)'} · last mail {when(d.webhook?.lastMessageAt)}</dd>
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-600">IMAP {d.imap?.mailbox ?? ''}</dt>
          <dd>
            {d.imap?.configured ? `last poll ${when(d.imap.lastRunAt)} (${d.imap.ok === false ? 'failed' : 'ok'}) · next ${when(d.imap.nextRunAt)} · last mail ${when(d.imap.lastMessageAt)} · uid ${d.imap.lastUid ?? '-'} / validity ${d.imap.uidValidity ?? '-'}` : 'Off (IMAP_HOST)'}
          </dd>
          {d.imap?.error && <dd className="text-xs text-red-700">{d.imap.error}</dd>}
        </div>
        <div>
          <dt className="text-xs font-semibold text-slate-600">SMTP</dt>
          <dd>{d.smtp?.configured ? 'On' : 'Off (SMTP_HOST)'} · bounced notifications {d.smtp?.bouncedNotifications ?? 0}</dd>
        </div>
      </dl>
      <EmailReviewList onChange={onChange} />
    </div>
  );
}
