// The reporter's contact details and the site address, shared by the create and edit forms.
import type { FormField, FormValues } from './formModel';
import { Field } from '../ui/Field';

interface ReporterFieldsProps {
  values: FormValues;
  set: (f: FormField) => (value: string) => void;
  errorFor: (f: string) => string | undefined;
}

export function ReporterFields({ values, set, errorFor }: ReporterFieldsProps) {
  const input = (f: FormField, type = 'text', autoComplete?: string) => (
    <input className="input" type={type} name={f} autoComplete={autoComplete} value={values[f]} onChange={(e) => set(f)(e.target.value)} />
  );
  return (
    <fieldset className="card grid gap-4 p-4 sm:grid-cols-3">
      <legend className="px-1 text-sm font-semibold text-slate-700">Reporter and site</legend>
      <Field label="Reporter name" error={errorFor('reporterName')}>
        {input('reporterName', 'text', 'off')}
      </Field>
      <Field label="Reporter phone" error={errorFor('reporterPhone')}>
        {input('reporterPhone', 'tel', 'off')}
      </Field>
      <Field label="Reporter email" error={errorFor('reporterEmail')} required={values.source === 'email'}>
        {input('reporterEmail', 'email', 'off')}
      </Field>
      <Field label="Address" error={errorFor('address')} className="sm:col-span-3">
        {input('address', 'text', 'off')}
      </Field>
    </fieldset>
  );
}
