// The weekly fault report screen: pick the client and a file, read each row's outcome, fix the columns if needed,
// confirm (with a progress bar while it imports), then the result; the imports so far are listed below.
import { useState } from 'react';
import { useSWRConfig } from 'swr';
import { ApiError } from '../../hooks/api';
import { useClients } from '../../hooks/useOrganisations';
import { Notice } from '../ui/States';
import { Panel } from '../ui/Panel';
import { HISTORY_ROUTE, ImportHistory } from './ImportHistory';
import { confirmImport, previewUpload, type BatchView, type Mapping, type PreviewView } from './importApi';
import { MappingEditor } from './MappingEditor';
import { PreviewTable } from './PreviewTable';
import { ProgressBar } from './ProgressBar';

export function WeeklyReportImport() {
  const { clients } = useClients();
  const [clientId, setClientId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [progress, setProgress] = useState<{ label: string; value: number } | null>(null);
  const [result, setResult] = useState<{ batch: BatchView; alreadyImported: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { mutate } = useSWRConfig();

  async function read(withMapping: Mapping | null) {
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress({ label: 'Uploading', value: 0 });
    try {
      const p = await previewUpload(file, clientId, withMapping, (f) => setProgress({ label: 'Uploading', value: f }));
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  }

  async function confirm() {
    if (!preview || !mapping) return;
    setError(null);
    setProgress({ label: 'Importing', value: 0 });
    try {
      const r = await confirmImport(preview, clientId, mapping, (done, total) => setProgress({ label: `Importing row ${done} of ${total}`, value: done / total }));
      setResult(r);
      setPreview(null);
      // The global mutate refetches now, even within SWR's deduping window of the list's first read.
      void mutate(HISTORY_ROUTE);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="space-y-4">
      <Panel title="Upload a weekly fault report">
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm text-slate-700">
            Client
            <select className="input mt-1 block" value={clientId} onChange={(e) => setClientId(e.target.value)}>
              <option value="">(any client)</option>
              {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label className="text-sm text-slate-700">
            Report (.xlsx or .csv)
            <input className="mt-1 block text-sm" type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <button type="button" className="btn-primary" disabled={!file || progress !== null} onClick={() => void read(null)}>Preview</button>
        </div>
        {progress && <div className="mt-3"><ProgressBar label={progress.label} value={progress.value} /></div>}
        {error && <div className="mt-3"><Notice tone="error">{error}</Notice></div>}
      </Panel>
      {result && (
        <Notice tone="success">
          {result.alreadyImported ? `This file was already imported as ${result.batch.reportUid}: nothing changed.` : `Imported as ${result.batch.reportUid}`}
          {' '}· created {result.batch.result.created}, updated {result.batch.result.updated}, unchanged {result.batch.result.unchanged}, duplicates {result.batch.result.duplicates}, errors {result.batch.result.errors}
        </Notice>
      )}
      {preview && mapping && (
        <Panel title={`Preview of ${preview.fileName} (sheet ${preview.sheetName})`}>
          {preview.skippedSheets.length > 0 && <p className="mb-2 text-xs text-slate-600">Skipped sheets without a ticket header: {preview.skippedSheets.join(', ')}</p>}
          {preview.alreadyImported && <div className="mb-2"><Notice>This file was already imported as {preview.alreadyImported.reportUid}; confirming it again changes nothing.</Notice></div>}
          <MappingEditor headers={preview.headers} mapping={mapping} onChange={setMapping} />
          <div className="mt-2 flex gap-2">
            <button type="button" className="btn-secondary" disabled={progress !== null} onClick={() => void read(mapping)}>Apply columns</button>
            <button type="button" className="btn-primary" disabled={progress !== null} onClick={() => void confirm()}>Confirm import</button>
          </div>
          <div className="mt-3"><PreviewTable rows={preview.rows} counts={preview.counts} /></div>
        </Panel>
      )}
      <ImportHistory />
    </div>
  );
}
