// One unmatched WhatsApp message: link it to a ticket (by UID), open a ticket from it (with a DR), or dismiss it.
import { useState } from 'react';
import { useMutation } from '../../hooks/useApi';
import { formatDateTime } from '../format';
import { Spinner } from '../ui/States';
import type { WaMessageView } from './types';

export function UnmatchedItem({ m, canAct, onDone }: { m: WaMessageView; canAct: boolean; onDone: (message: string) => void }) {
  const [ticket, setTicket] = useState('');
  const [dr, setDr] = useState('');
  const { run, pending, error } = useMutation<WaMessageView>();
  const who = m.senderName ?? (m.sender ? `+${m.sender.replace(/^\+/, '')}` : m.chatId);
  async function act(body: Record<string, unknown>, done: (r: WaMessageView) => string) {
    const r = await run('whatsapp-unmatched', { method: 'POST', body: { messageId: m.id, ...body } });
    if (r) onDone(done(r));
  }
  return (
    <li className="card space-y-2 p-3" data-testid="wa-unmatched-item">
      <div className="flex flex-wrap items-baseline gap-2 text-xs text-slate-600">
        <span className="font-semibold text-slate-800">{who}</span>
        {m.isGroup && <span className="rounded bg-slate-200 px-1">group {m.chatId}</span>}
        <time className="ml-auto" dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
      </div>
      <p className="whitespace-pre-wrap break-words [overflow-wrap:anywhere] text-sm text-slate-900">{m.body || '(no text)'}</p>
      {m.media && <p className="text-xs text-slate-600">Media: {m.media.filename ?? m.media.mimetype ?? 'file'}{m.media.error ? ` (${m.media.error})` : ''}</p>}
      {canAct && (
        <div className="grid gap-2 sm:grid-cols-2">
          <form className="flex gap-2" onSubmit={(e) => (e.preventDefault(), void act({ action: 'link', ticket }, (r) => `Linked to ${r.ticketUid}`))}>
            <label className="sr-only" htmlFor={`link-${m.id}`}>Ticket to link to</label>
            <input id={`link-${m.id}`} className="input min-w-0 flex-1" placeholder="Ticket, e.g. DR1734315-2" value={ticket} onChange={(e) => setTicket(e.target.value)} />
            <button type="submit" className="btn-secondary" disabled={pending || !ticket.trim()}>Link</button>
          </form>
          <form className="flex gap-2" onSubmit={(e) => (e.preventDefault(), void act({ action: 'open', drNumber: dr }, (r) => `Opened ${r.ticketUid}`))}>
            <label className="sr-only" htmlFor={`open-${m.id}`}>DR number for a new ticket</label>
            <input id={`open-${m.id}`} className="input min-w-0 flex-1" placeholder="DR number, e.g. DR1734315" value={dr} onChange={(e) => setDr(e.target.value)} />
            <button type="submit" className="btn-primary" disabled={pending || !dr.trim()}>Open ticket</button>
          </form>
          <div className="sm:col-span-2 flex items-center gap-2">
            {pending && <Spinner />}
            {error && <p className="text-xs text-red-700">{Object.values(error.fields)[0] ?? error.message}</p>}
            <button type="button" className="ml-auto text-xs text-slate-600 underline" disabled={pending} onClick={() => void act({ action: 'dismiss' }, () => 'Dismissed')}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
