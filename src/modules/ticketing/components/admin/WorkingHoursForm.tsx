// Working hours per weekday as "08:00-17:00" (several intervals separated by commas; empty = closed).
import { useState, type FormEvent } from 'react';
import type { BusinessCalendarView } from '../../hooks/types';
import { useMutation } from '../../hooks/useApi';
import { Notice, Spinner } from '../ui/States';

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']] as const;
type Hours = BusinessCalendarView['workingHours'];

/** Pure: "08:00-12:00, 13:00-17:00" to intervals, or null when the text is not that shape. */
export function parseIntervals(text: string): { start: string; end: string }[] | null {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const out: { start: string; end: string }[] = [];
  for (const p of parts) {
    const m = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ start: m[1], end: m[2] });
  }
  return out;
}

/** The server's refusal with the day named ("Monday: ...") instead of a field path. */
function serverProblem(error: ReturnType<typeof useMutation>['error']): string | undefined {
  const [path, message] = Object.entries(error?.fields ?? {})[0] ?? [];
  const day = DAYS.find(([k]) => path?.split('.').includes(k));
  return day && message ? `${day[1]}: ${message}` : error?.message;
}

export function WorkingHoursForm({ calendar, editable, onSaved }: { calendar: BusinessCalendarView; editable: boolean; onSaved: () => void }) {
  const [text, setText] = useState<Record<string, string>>(() =>
    Object.fromEntries(DAYS.map(([k]) => [k, calendar.workingHours[k].map((i) => `${i.start}-${i.end}`).join(', ')])),
  );
  const [bad, setBad] = useState<string | null>(null);
  const { run, pending, error } = useMutation<unknown>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const hours = {} as Hours;
    for (const [k, label] of DAYS) {
      const parsed = parseIntervals(text[k]);
      if (!parsed) {
        setBad(`${label}: write the hours as 08:00-17:00, several separated by commas, or leave it empty when closed.`);
        return;
      }
      const backwards = parsed.find((i) => i.end <= i.start);
      if (backwards) {
        setBad(`${label}: ${backwards.start}-${backwards.end} ends before it starts. Hours run within one day; for work past midnight, end at 23:59 and start the next day at 00:00.`);
        return;
      }
      hours[k] = parsed;
    }
    setBad(null);
    if (await run('business-calendar', { method: 'PATCH', body: { workingHours: hours } })) onSaved();
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" aria-label="Working hours">
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {DAYS.map(([k, label]) => (
          <div key={k}>
            <label htmlFor={`hours-${k}`} className="text-xs">{label}</label>
            <input id={`hours-${k}`} className="input mt-1" placeholder="Closed" value={text[k]} disabled={!editable} onChange={(e) => setText((t) => ({ ...t, [k]: e.target.value }))} />
          </div>
        ))}
      </div>
      {(bad || error) && <Notice tone="error">{bad ?? serverProblem(error)}</Notice>}
      {editable && (
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending && <Spinner />} Save working hours
        </button>
      )}
    </form>
  );
}
