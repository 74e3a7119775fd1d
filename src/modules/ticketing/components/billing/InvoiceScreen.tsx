// Finance's invoice screen: queue the invoice line of one ticket, or of a client's resolved billable work for a period.
import { useState, type FormEvent } from 'react';
import { useMutation } from '../../hooks/useApi';
import { useClients } from '../../hooks/useOrganisations';
import { formatCents } from '../format';
import { InvoiceList } from './InvoiceList';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { Notice, Spinner } from '../ui/States';

interface InvoiceResult {
  invoice?: { invoiceNumber: string } | null;
  mode: 'single' | 'batch';
  created: boolean | number;
  ticketUid?: string;
  line?: { totalCents: number };
  lines?: { ticketUid: string; created: boolean; line: { totalCents: number } }[];
  skipped?: { ticketUid: string; reason: string }[];
  totalCents?: number;
}

export function InvoiceScreen() {
  const { clients } = useClients();
  const [uid, setUid] = useState('');
  const [clientId, setClientId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const one = useMutation<InvoiceResult>();
  const batch = useMutation<InvoiceResult>();
  const [result, setResult] = useState<InvoiceResult | null>(null);
  const [refresh, setRefresh] = useState(0);

  async function single(e: FormEvent) {
    e.preventDefault();
    const r = await one.run(`billing-invoice?uid=${encodeURIComponent(uid.trim())}`, { method: 'POST', body: {} });
    if (r) {
      setResult(r);
      setRefresh((n) => n + 1);
    }
  }
  async function period(e: FormEvent) {
    e.preventDefault();
    const r = await batch.run('billing-invoice', { method: 'POST', body: { clientId, from, to } });
    if (r) {
      setResult(r);
      setRefresh((n) => n + 1);
    }
  }

  return (
    <div className="space-y-4">
      <PageHeader title="Invoices" description="Approved, resolved billable work becomes one invoice line per ticket (VAT 15 %), sent to the invoicing system once." />
      <div className="grid gap-4 md:grid-cols-2">
        <Panel title="One ticket">
          <form onSubmit={(e) => void single(e)} className="space-y-3">
            <Field label="Ticket UID" error={one.error?.fields.uid}><input className="input font-mono uppercase" value={uid} onChange={(e) => setUid(e.target.value)} placeholder="FF-000123" /></Field>
            {one.error && !one.error.fields.uid && <Notice tone="error">{one.error.message}</Notice>}
            <button type="submit" className="btn-primary" disabled={one.pending || !uid.trim()}>{one.pending && <Spinner />} Invoice ticket</button>
          </form>
        </Panel>
        <Panel title="A client's period">
          <form onSubmit={(e) => void period(e)} className="grid gap-3 sm:grid-cols-3">
            <Field label="Client" className="sm:col-span-3" error={batch.error?.fields.clientId}>
              <select className="input" value={clientId} onChange={(e) => setClientId(e.target.value)}>
                <option value="">Choose…</option>
                {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </Field>
            <Field label="From" error={batch.error?.fields.from}><input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></Field>
            <Field label="To" error={batch.error?.fields.to}><input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></Field>
            <div className="flex items-end"><button type="submit" className="btn-primary" disabled={batch.pending || !clientId || !from || !to}>{batch.pending && <Spinner />} Invoice period</button></div>
            {batch.error && Object.keys(batch.error.fields).length === 0 && <div className="sm:col-span-3"><Notice tone="error">{batch.error.message}</Notice></div>}
          </form>
        </Panel>
      </div>
      {result && (
        <Notice tone="success">
          {result.mode === 'single'
            ? `${result.ticketUid}: ${result.created ? `invoice ${result.invoice?.invoiceNumber ?? ''} raised` : 'already invoiced, nothing new sent'} (${formatCents(result.line?.totalCents)} incl. VAT).`
            : `${result.invoice ? `Invoice ${result.invoice.invoiceNumber}: ` : 'No new invoice: '}${Number(result.created)} line(s) queued, ${formatCents(result.totalCents)} incl. VAT; ${result.skipped?.length ?? 0} skipped${result.skipped?.length ? `: ${result.skipped.map((s) => `${s.ticketUid} (${s.reason})`).join('; ')}` : ''}.`}
        </Notice>
      )}
      <InvoiceList refreshKey={refresh} />
    </div>
  );
}
