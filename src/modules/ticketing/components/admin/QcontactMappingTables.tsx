// The editable rows of the QContact mapping screen: category -> priority and type, status labels in, write values out.
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../types/enums';

export interface CategoryRow {
  category: string;
  subcategory: string;
  priority: string;
  ticketType: string;
}

export function CategoryTable({ rows, onChange }: { rows: CategoryRow[]; onChange: (rows: CategoryRow[]) => void }) {
  const set = (i: number, patch: Partial<CategoryRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Category to priority">
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th className="p-1">Category</th><th className="p-1">Subcategory (empty = any)</th><th className="p-1">Priority</th><th className="p-1">Type</th><th className="p-1"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="p-1"><input className="input" aria-label={`Category ${i + 1}`} value={r.category} onChange={(e) => set(i, { category: e.target.value })} /></td>
              <td className="p-1"><input className="input" aria-label={`Subcategory ${i + 1}`} value={r.subcategory} onChange={(e) => set(i, { subcategory: e.target.value })} /></td>
              <td className="p-1">
                <select className="input" aria-label={`Priority ${i + 1}`} value={r.priority} onChange={(e) => set(i, { priority: e.target.value })}>
                  {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
                </select>
              </td>
              <td className="p-1">
                <select className="input" aria-label={`Type ${i + 1}`} value={r.ticketType} onChange={(e) => set(i, { ticketType: e.target.value })}>
                  {TICKET_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              </td>
              <td className="p-1"><button type="button" className="btn-secondary py-1" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn-secondary mt-2 py-1" onClick={() => onChange([...rows, { category: '', subcategory: '', priority: 'medium', ticketType: 'fault' }])}>Add category</button>
    </div>
  );
}

export function InboundTable({ rows, onChange }: { rows: [string, string][]; onChange: (rows: [string, string][]) => void }) {
  const set = (i: number, row: [string, string]) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div>
      <table className="w-full text-sm" aria-label="QContact status to ours">
        <thead><tr className="text-left text-xs text-slate-600"><th className="p-1">QContact label</th><th className="p-1">Our status</th><th className="p-1"><span className="sr-only">Remove</span></th></tr></thead>
        <tbody>
          {rows.map(([label, status], i) => (
            <tr key={i}>
              <td className="p-1"><input className="input" aria-label={`QContact label ${i + 1}`} value={label} onChange={(e) => set(i, [e.target.value, status])} /></td>
              <td className="p-1">
                <select className="input" aria-label={`Our status for label ${i + 1}`} value={status} onChange={(e) => set(i, [label, e.target.value])}>
                  {TICKET_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </td>
              <td className="p-1"><button type="button" className="btn-secondary py-1" onClick={() => onChange(rows.filter((_, j) => j !== i))}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn-secondary mt-2 py-1" onClick={() => onChange([...rows, ['', 'new']])}>Add label</button>
    </div>
  );
}

export function OutboundTable({ values, onChange }: { values: Record<string, string>; onChange: (values: Record<string, string>) => void }) {
  return (
    <table className="w-full text-sm" aria-label="Our status to QContact write value">
      <thead><tr className="text-left text-xs text-slate-600"><th className="p-1">Our status</th><th className="p-1">QContact write value (empty = not written back)</th></tr></thead>
      <tbody>
        {TICKET_STATUSES.map((s) => (
          <tr key={s}>
            <td className="p-1">{s}</td>
            <td className="p-1"><input className="input" aria-label={`Write value for ${s}`} value={values[s] ?? ''} onChange={(e) => onChange({ ...values, [s]: e.target.value })} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
