// The column mapping of a weekly report: which header holds each field; editable, re-applied by uploading again.
import type { Mapping } from './importApi';

const LABELS: Record<keyof Mapping, string> = { ftRef: 'FT Ref', drNumber: 'DR Number', area: 'Area', issue: 'Issue', status: 'Status', date: 'Date' };

export function MappingEditor({ headers, mapping, onChange }: { headers: string[]; mapping: Mapping; onChange: (m: Mapping) => void }) {
  return (
    <fieldset className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
      <legend className="mb-1 text-sm font-semibold text-slate-800">Columns</legend>
      {(Object.keys(LABELS) as (keyof Mapping)[]).map((f) => (
        <label key={f} className="text-xs text-slate-700">
          {LABELS[f]}
          <select className="input mt-1 w-full py-1" value={mapping[f] ?? ''} onChange={(e) => onChange({ ...mapping, [f]: e.target.value || null })}>
            <option value="">(not in this file)</option>
            {headers.map((h) => (
              <option key={h} value={h}>{h}</option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
