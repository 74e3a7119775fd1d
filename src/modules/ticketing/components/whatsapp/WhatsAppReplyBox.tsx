// The reply box under a WhatsApp conversation: text, an optional quoted message, and Send (queued through the outbox).
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import { Field } from '../ui/Field';
import { Spinner } from '../ui/States';
import type { WaMessageView } from './types';

export function WhatsAppReplyBox({ ticketId, quoting, onClearQuote, onSent }: { ticketId: string; quoting: WaMessageView | null; onClearQuote: () => void; onSent: () => void }) {
  const [text, setText] = useState('');
  const { run, pending, error } = useMutation<WaMessageView>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const sent = await run(`tickets-whatsapp?id=${encodeURIComponent(ticketId)}`, { method: 'POST', body: { text, ...(quoting ? { replyTo: quoting.id } : {}) } });
    if (sent) {
      setText('');
      onClearQuote();
      onSent();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="mt-3 space-y-2" aria-label="Reply on WhatsApp">
      {quoting && (
        <div className="flex items-start gap-2 rounded border-l-4 border-emerald-500 bg-slate-50 px-2 py-1 text-xs text-slate-700" data-testid="wa-quoting">
          <span className="min-w-0 flex-1 break-words">Quoting: {quoting.body.slice(0, 140) || '(media)'}</span>
          <button type="button" className="underline" onClick={onClearQuote}>
            Don&apos;t quote
          </button>
        </div>
      )}
      <Field label="WhatsApp reply" error={error?.fields.text ?? (error && !error.fields.text ? error.message : undefined)}>
        <textarea className="input min-h-20" value={text} onChange={(e) => setText(e.target.value)} name="whatsapp-reply" placeholder="Goes to the customer's WhatsApp" />
      </Field>
      <div className="flex justify-end">
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={pending || text.trim() === ''}>
          {pending && <Spinner />} Send on WhatsApp
        </button>
      </div>
    </form>
  );
}
