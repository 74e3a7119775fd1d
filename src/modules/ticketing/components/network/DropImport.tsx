// The register import screen: choose the client and a file, check the preview, adjust columns, confirm with progress.
import { useState } from 'react';
import { api, ApiError } from '../../hooks/api';
import { confirmImport, type ImportBatch } from '../../hooks/networkImport';
import { uploadFile } from '../../hooks/upload';
import { useApi } from '../../hooks/useApi';
import { PageHeader } from '../ui/PageHeader';
import { Notice } from '../ui/States';
import { ImportPreview } from './ImportPreview';

interface ClientRow {
  id: string;
  name: string;
}

export function DropImport() {
  const clients = useApi<ClientRow[]>('network-clients?limit=200');
  const [clientId, setClientId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const attempt = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const upload = () =>
    attempt(async () => {
      setDone(null);
      setProgress(0);
      setBatch(await uploadFile<ImportBatch>(`network-import?client=${clientId}`, file as File, (f) => setProgress(Math.round(f * 100))));
      setProgress(null);
    });
  const remap = (mapping: Record<string, string | null>) =>
    attempt(async () => setBatch(await api<ImportBatch>(`network-import?id=${batch?.id}`, { method: 'PATCH', body: { action: 'preview', mapping } })));
  const confirm = () =>
    attempt(async () => {
      setProgress(0);
      const applied = await confirmImport((batch as ImportBatch).id, (n, total) => setProgress(total ? Math.round((n / total) * 100) : 100));
      setProgress(100);
      setBatch(applied);
      const c = applied.summary.counts;
      setDone(`Imported: ${c.insert} new, ${c.update} updated, ${c.unchanged} unchanged, ${c.error} rows skipped with errors.`);
    });

  return (
    <div className="space-y-4">
      <PageHeader title="Import drop register" description="An .xlsx or .csv with one drop per row. Nothing changes until you confirm." />
      <div className="card flex flex-wrap items-end gap-3 p-4">
        <label className="text-sm">
          Client
          <select className="input mt-1 block" name="client" value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">Choose…</option>
            {(clients.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          File
          <input className="mt-1 block text-sm" type="file" name="file" accept=".xlsx,.csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="button" className="btn-primary" disabled={!clientId || !file || busy} onClick={upload}>
          Upload and preview
        </button>
      </div>
      {progress !== null && (
        <progress className="w-full" max={100} value={progress} aria-label="Import progress">{progress}%</progress>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      {done && <Notice tone="success">{done}</Notice>}
      {batch && (
        <>
          <ImportPreview key={`${batch.id}-${batch.status}-${JSON.stringify(batch.mapping)}`} batch={batch} busy={busy} onRemap={remap} />
          {batch.status === 'preview' && (
            <button type="button" className="btn-primary" disabled={busy || batch.summary.missingRequired?.length > 0} onClick={confirm}>
              Confirm import
            </button>
          )}
        </>
      )}
    </div>
  );
}
