// The business calendar SLA time counts by: working hours per weekday, public holidays of a year, and our own closed days.
import { useState, type FormEvent } from 'react';
import type { BusinessCalendarView } from '../../hooks/types';
import { useApi, useMutation } from '../../hooks/useApi';
import { useMe } from '../../hooks/useMe';
import { formatDate } from '../format';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { Panel } from '../ui/Panel';
import { ErrorState, LoadingState, Notice, Spinner } from '../ui/States';
import { WorkingHoursForm } from './WorkingHoursForm';

export function BusinessCalendarEditor() {
  const { can } = useMe();
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, isLoading, mutate } = useApi<BusinessCalendarView>(`business-calendar?year=${year}`);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState('');
  const add = useMutation<unknown>();
  const remove = useMutation<unknown>();
  const manage = can('calendar:manage');

  async function addDay(e: FormEvent) {
    e.preventDefault();
    if (await add.run('business-calendar', { method: 'POST', body: { day, reason } })) {
      setDay('');
      setReason('');
      void mutate();
    }
  }
  async function removeDay(d: string) {
    if (await remove.run(`business-calendar?day=${d}`, { method: 'DELETE' })) void mutate();
  }

  if (isLoading) return <LoadingState label="Loading the calendar" />;
  if (error || !data) return <ErrorState error={error} onRetry={() => void mutate()} />;
  return (
    <div className="space-y-4">
      <PageHeader title="Business calendar" description={`${data.name} · ${data.timezone}${data.holidayCountry ? ` · public holidays of ${data.holidayCountry}` : ''}`} />
      {!manage && (
        <Notice tone="info">
          <span data-testid="calendar-read-only">
            Read only: SLA clocks count the working time shown here. Only an administrator can change the hours or the closed days; ask one if they are
            wrong.
          </span>
        </Notice>
      )}
      <Panel title="Working hours">
        <WorkingHoursForm calendar={data} editable={manage} onSaved={() => void mutate()} />
      </Panel>
      <div className="grid gap-4 md:grid-cols-2">
        <Panel
          title={`Public holidays ${year}`}
          actions={
            <div className="flex gap-1">
              <button type="button" className="btn-secondary px-2 py-1" onClick={() => setYear((y) => y - 1)} aria-label="Previous year">‹</button>
              <button type="button" className="btn-secondary px-2 py-1" onClick={() => setYear((y) => y + 1)} aria-label="Next year">›</button>
            </div>
          }
        >
          <ul className="space-y-1 text-sm" aria-label="Public holidays">
            {data.publicHolidays.map((h) => (
              <li key={h.day} className="flex justify-between gap-2">
                <span>{h.name}</span>
                <time dateTime={h.day} className="text-slate-600">{formatDate(h.day)}</time>
              </li>
            ))}
          </ul>
        </Panel>
        <Panel title="Closed days">
          {data.closedDays.length === 0 ? (
            <p className="text-sm text-slate-500">No extra closed days.</p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Closed days">
              {data.closedDays.map((c) => (
                <li key={c.day} className="flex items-center justify-between gap-2" data-testid="closed-day">
                  <span>
                    <time dateTime={c.day} className="font-medium">{formatDate(c.day)}</time> · {c.reason}
                  </span>
                  {manage && (
                    <button type="button" className="btn-secondary py-0.5" onClick={() => void removeDay(c.day)} aria-label={`Remove closed day ${c.day}`}>
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {remove.error && <Notice tone="error">{remove.error.message}</Notice>}
          {manage && (
            <form onSubmit={(e) => void addDay(e)} className="mt-4 grid gap-2 sm:grid-cols-3" aria-label="Add a closed day">
              <Field label="Day" error={add.error?.fields.day}>
                <input className="input" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
              </Field>
              <Field label="Reason" error={add.error?.fields.reason}>
                <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <div className="flex items-end">
                <button type="submit" className="btn-primary" disabled={add.pending}>
                  {add.pending && <Spinner />} Add closed day
                </button>
              </div>
            </form>
          )}
        </Panel>
      </div>
    </div>
  );
}
