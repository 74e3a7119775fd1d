// The WhatsApp panel on the integration page: the unmatched count with a link to the queue, and the status messages.
import Link from 'next/link';
import type { ChannelStatusView } from '../admin/IntegrationCard';
import { StatusTemplatesEditor } from './StatusTemplatesEditor';

export function WhatsAppIntegrationPanel({ status }: { status: ChannelStatusView; onChange: () => void }) {
  const unmatched = typeof status.details.unmatched === 'number' ? status.details.unmatched : 0;
  return (
    <div className="mt-3 grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-2">
      <div className="text-sm">
        <p>
          <span className="font-semibold">{unmatched}</span> unmatched message{unmatched === 1 ? '' : 's'} waiting.{' '}
          <Link className="underline" href="/ticketing/channels/whatsapp">Open the WhatsApp queue</Link>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          Session {String(status.details.session ?? 'default')} · webhook {status.details.webhookSigned ? 'signed (HMAC-SHA512)' : 'not signed: set WAHA_WEBHOOK_KEY'}
        </p>
      </div>
      <StatusTemplatesEditor />
    </div>
  );
}
