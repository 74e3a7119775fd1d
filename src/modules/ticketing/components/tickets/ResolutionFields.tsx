// What a technician records when resolving: the fault's cause with a detail, notes, and the work actually done (hours,
// parts, trips), which prices the work when the cause makes guarantee work billable.
import { FAULT_CAUSES } from '../../types/enums';
import { FAULT_CAUSE_LABEL, labelOf } from '../format';
import { Field } from '../ui/Field';

export interface Resolution {
  faultCause: string;
  detail: string;
  notes: string;
  hours: string;
  parts: string;
  trips: string;
}

export const EMPTY_RESOLUTION: Resolution = { faultCause: '', detail: '', notes: '', hours: '', parts: '', trips: '1' };

/** Pure: a rand amount typed the South African way ("150,50", "R 1 200") in cents, or null when it is not a number. */
export function randToCents(text: string): number | null {
  const clean = text.replace(/^\s*R\s*/i, '').replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (clean === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

/** The work inputs, by field: the only fields checked before sending (the rest the API judges). */
export const WORK_INPUT_NAME = { hours: 'workHours', parts: 'workParts', trips: 'workTrips' } as const;
export type WorkField = keyof typeof WORK_INPUT_NAME;

/** Pure: the status-change fields for a resolution; `error` names the first field that cannot be sent. */
export function resolutionBody(r: Resolution): { body: Record<string, unknown>; error?: { field: WorkField; message: string } } {
  const body: Record<string, unknown> = {};
  if (r.faultCause) body.faultCause = r.faultCause;
  if (r.detail.trim()) body.faultCauseDetail = r.detail.trim();
  if (r.notes.trim()) body.resolutionNotes = r.notes.trim();
  if (r.hours.trim()) {
    const hours = Number(r.hours.replace(',', '.'));
    if (!Number.isFinite(hours) || hours < 0 || hours > 1000) return { body, error: { field: 'hours', message: 'Hours on site: a number from 0 to 1000, e.g. 1,5' } };
    const partsCents = randToCents(r.parts);
    if (partsCents === null) return { body, error: { field: 'parts', message: 'Parts: an amount in rand, e.g. 150,50' } };
    const trips = Number(r.trips || '1');
    if (!Number.isInteger(trips) || trips < 0 || trips > 50) return { body, error: { field: 'trips', message: 'Trips: a whole number from 0 to 50' } };
    body.work = { hours: Math.round(hours * 100) / 100, partsCents, trips };
  }
  return { body };
}

interface Props {
  value: Resolution;
  onChange: (r: Resolution) => void;
  errors: Partial<Record<keyof Resolution | 'faultCause' | 'resolutionNotes', string | undefined>>;
}

export function ResolutionFields({ value, onChange, errors }: Props) {
  const set = (k: keyof Resolution) => (v: string) => onChange({ ...value, [k]: v });
  return (
    <>
      <Field label="Fault cause" error={errors.faultCause}>
        <select className="input" value={value.faultCause} onChange={(e) => set('faultCause')(e.target.value)} name="faultCause">
          <option value="">Not known yet</option>
          {FAULT_CAUSES.map((c) => (
            <option key={c} value={c}>
              {labelOf(FAULT_CAUSE_LABEL, c)}
            </option>
          ))}
        </select>
      </Field>
      {value.faultCause && (
        <Field label="What exactly caused it" hint="E.g. drop cable cut by a contractor's trench" error={errors.detail}>
          <input className="input" value={value.detail} onChange={(e) => set('detail')(e.target.value)} name="faultCauseDetail" maxLength={2000} />
        </Field>
      )}
      <Field label="Resolution notes" error={errors.resolutionNotes ?? errors.notes}>
        <textarea className="input min-h-20" value={value.notes} onChange={(e) => set('notes')(e.target.value)} name="resolutionNotes" />
      </Field>
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-sm text-slate-700">Work done (optional; prices work a cause makes billable)</legend>
        <div className="grid grid-cols-3 gap-2">
          <Field label="Hours on site" error={errors.hours}>
            <input className="input" inputMode="decimal" value={value.hours} onChange={(e) => set('hours')(e.target.value)} name={WORK_INPUT_NAME.hours} />
          </Field>
          <Field label="Parts (R)" error={errors.parts}>
            <input className="input" inputMode="decimal" value={value.parts} onChange={(e) => set('parts')(e.target.value)} name={WORK_INPUT_NAME.parts} />
          </Field>
          <Field label="Trips" error={errors.trips}>
            <input className="input" inputMode="numeric" value={value.trips} onChange={(e) => set('trips')(e.target.value)} name={WORK_INPUT_NAME.trips} />
          </Field>
        </div>
      </fieldset>
    </>
  );
}
