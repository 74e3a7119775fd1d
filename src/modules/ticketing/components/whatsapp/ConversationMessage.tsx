// One message of a WhatsApp conversation: a bubble (theirs left, ours right) with media, edit and revoke marks, and
// for ours the delivery ticks, or the failure reason with a retry.
import { formatDateTime } from '../format';
import { deliveryLabel, type WaMessageView } from './types';

const TONE = { wait: 'text-slate-500', ok: 'text-slate-600', read: 'text-sky-600', bad: 'text-red-700' } as const;

export function ConversationMessage({ m, ticketId, onQuote, onRetry, retrying }: { m: WaMessageView; ticketId: string; onQuote?: () => void; onRetry?: () => void; retrying?: boolean }) {
  const ours = m.direction === 'out';
  const d = ours ? deliveryLabel(m) : null;
  const who = ours ? (m.sentByName ?? 'FibreFlow') : (m.senderName ?? (m.sender ? `+${m.sender.replace(/^\+/, '')}` : m.chatId));
  return (
    <li className={`flex ${ours ? 'justify-end' : 'justify-start'}`} data-testid="wa-message" data-direction={m.direction} data-state={m.state}>
      <div className={`max-w-[85%] min-w-0 rounded-lg px-3 py-2 text-sm shadow-sm sm:max-w-[75%] ${ours ? 'bg-emerald-50' : 'bg-white ring-1 ring-slate-200'}`}>
        <p className="text-xs font-semibold text-slate-700">{who}</p>
        {m.body && <p className={`whitespace-pre-wrap break-words [overflow-wrap:anywhere] text-slate-900 ${m.revokedAt ? 'line-through decoration-slate-400' : ''}`}>{m.body}</p>}
        {m.media && (
          <p className="mt-1 text-xs text-slate-700">
            {m.media.attachmentId ? (
              <a className="underline" href={`/api/ticketing/tickets-attachments?id=${encodeURIComponent(ticketId)}&attachmentId=${m.media.attachmentId}`}>
                {m.media.mimetype?.split('/')[0] ?? 'file'}: {m.media.filename ?? 'attachment'}
              </a>
            ) : (
              <span className="text-amber-800">{m.media.error ?? 'Media not kept'}</span>
            )}
          </p>
        )}
        {m.editedBody !== null && (
          <p className="mt-1 border-l-2 border-amber-400 pl-2 text-xs text-slate-700" data-testid="wa-edited">
            Edited by the sender: <span className="whitespace-pre-wrap break-words">{m.editedBody}</span>
          </p>
        )}
        {m.revokedAt && <p className="mt-1 text-xs font-medium text-red-700">Deleted by the sender {formatDateTime(m.revokedAt)} (kept here)</p>}
        <div className="mt-1 flex flex-wrap items-center justify-end gap-2 text-xs text-slate-500">
          <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
          {d && (
            <span className={`font-semibold ${TONE[d.tone]}`} data-testid="wa-ticks" title={d.label}>
              <span aria-hidden="true">{d.ticks}</span> {d.label}
            </span>
          )}
          {!ours && onQuote && m.wahaId && (
            <button type="button" className="underline" onClick={onQuote}>
              Quote
            </button>
          )}
        </div>
        {ours && m.state === 'failed' && (
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs">
            <span className="break-words text-red-700">{m.error ?? 'WhatsApp did not deliver this message'}</span>
            {onRetry && (
              <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={onRetry} disabled={retrying}>
                Retry
              </button>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
