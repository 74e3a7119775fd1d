// Start a WhatsApp conversation about a drop: phone, DR and the first message; opens a whatsapp_outbound ticket.
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import { Field } from '../ui/Field';
import { Panel } from '../ui/Panel';
import { Spinner } from '../ui/States';

export function StartConversationForm() {
  const [phone, setPhone] = useState('');
  const [drNumber, setDr] = useState('');
  const [text, setText] = useState('');
  const [started, setStarted] = useState<string | null>(null);
  const { run, pending, error } = useMutation<{ ticketUid: string }>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await run('whatsapp-conversations', { method: 'POST', body: { phone, drNumber, text } });
    if (r) {
      setStarted(r.ticketUid);
      setText('');
    }
  }
  const f = error?.fields ?? {};
  return (
    <Panel title="Start a conversation">
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Phone number" error={f.phone}>
            <input className="input" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="082 123 4567" inputMode="tel" />
          </Field>
          <Field label="Drop (DR number)" error={f.drNumber}>
            <input className="input" value={drNumber} onChange={(e) => setDr(e.target.value)} placeholder="DR1734315" />
          </Field>
        </div>
        <Field label="First message" error={f.text ?? (error && Object.keys(f).length === 0 ? error.message : undefined)}>
          <textarea className="input min-h-20" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          {started && (
            <p className="text-sm text-emerald-900" role="status">
              Opened <Link className="underline" href={`/ticketing/tickets/${started}`}>{started}</Link>
            </p>
          )}
          <button type="submit" className="btn-primary ml-auto w-full sm:w-auto" disabled={pending || !phone || !drNumber || !text.trim()}>
            {pending && <Spinner />} Start on WhatsApp
          </button>
        </div>
      </form>
    </Panel>
  );
}
