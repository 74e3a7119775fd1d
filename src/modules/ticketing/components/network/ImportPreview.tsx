// The import preview: counts, the column mapping (editable) and the rows with errors or changes.
import { useState } from 'react';
import type { ImportBatch } from '../../hooks/networkImport';

const FIELDS: [string, string][] = [
  ['drNumber', 'DR number *'], ['project', 'Project *'], ['address', 'Address'], ['gps', 'GPS (lat, lng)'], ['gpsLat', 'Latitude'],
  ['gpsLng', 'Longitude'], ['installDate', 'Install date'], ['ontSerial', 'ONT serial'], ['poleNumber', 'Pole'], ['pon', 'PON'], ['zone', 'Zone'],
];

export function ImportPreview({ batch, busy, onRemap }: { batch: ImportBatch; busy: boolean; onRemap: (m: Record<string, string | null>) => void }) {
  const [mapping, setMapping] = useState<Record<string, string | null>>(batch.mapping);
  const s = batch.summary;
  const editable = batch.status === 'preview';
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-label="Preview counts">
        {(['insert', 'update', 'unchanged', 'error'] as const).map((k) => (
          <div key={k} className="card p-3" data-testid={`count-${k}`}>
            <dt className="text-slate-500">{{ insert: 'New drops', update: 'Updates', unchanged: 'Unchanged', error: 'Errors' }[k]}</dt>
            <dd className="text-lg font-semibold">{s.counts?.[k] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {s.missingRequired?.length > 0 && <p role="alert" className="text-sm text-red-700">Map the required columns: {s.missingRequired.join(', ')}.</p>}
      <fieldset className="card p-3" disabled={!editable || busy}>
        <legend className="px-1 text-sm font-semibold">Columns</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          {FIELDS.map(([field, label]) => (
            <label key={field} className="text-sm">
              {label}
              <select className="input mt-1 w-full" name={`map-${field}`} value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || null })}>
                <option value="">(not imported)</option>
                {s.headers.filter(Boolean).map((h) => (
                  <option key={h} value={h}>{h}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {editable && (
          <button type="button" className="btn-secondary mt-3" onClick={() => onRemap(mapping)}>
            Preview with these columns
          </button>
        )}
      </fieldset>
      {s.rows?.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="Rows">
          <thead>
            <tr><th className="p-1">Row</th><th className="p-1">DR</th><th className="p-1">Outcome</th><th className="p-1">Detail</th></tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={`${r.rowNumber}-${r.kind}`} className={r.kind === 'error' ? 'text-red-700' : ''}>
                <td className="p-1">{r.rowNumber}</td>
                <td className="p-1">{r.drNumber ?? '–'}</td>
                <td className="p-1">{r.kind}</td>
                <td className="p-1">{r.errors?.join('; ') ?? (r.changed ? `changed: ${r.changed.join(', ')}` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
