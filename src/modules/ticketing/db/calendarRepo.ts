// SQL for the default business calendar (business_calendars) and its extra closed days (business_closed_days).
import type { Queryable } from '@/src/lib/db';
import type { WorkingHours } from '../services/sla/businessCalendar';

export interface CalendarRecord {
  id: string;
  name: string;
  timezone: string;
  workingHours: WorkingHours;
  holidayCountry: string | null;
  updatedAt: string;
  closedDays: { day: string; reason: string }[];
}

type Row = { id: string; name: string; timezone: string; working_hours: WorkingHours; holiday_country: string | null; updated_at: Date | string };

/** The default calendar with its closed days (one round trip), or null when the table has none. */
export async function findDefaultCalendar(q: Queryable): Promise<CalendarRecord | null> {
  const { rows } = await q.query<Row & { closed_days: { day: string; reason: string }[] }>(
    `SELECT c.id, c.name, c.timezone, c.working_hours, c.holiday_country, c.updated_at,
            COALESCE((SELECT json_agg(json_build_object('day', d.day, 'reason', d.reason) ORDER BY d.day)
                        FROM business_closed_days d WHERE d.calendar_id = c.id), '[]'::json) AS closed_days
       FROM business_calendars c WHERE c.is_default`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    workingHours: r.working_hours,
    holidayCountry: r.holiday_country,
    updatedAt: new Date(r.updated_at).toISOString(),
    closedDays: r.closed_days.map((d) => ({ day: String(d.day), reason: d.reason })),
  };
}

export async function updateCalendar(
  q: Queryable,
  id: string,
  c: { timezone: string; workingHours: WorkingHours; holidayCountry: string | null },
  now: Date,
): Promise<void> {
  await q.query(
    'UPDATE business_calendars SET timezone = $2, working_hours = $3, holiday_country = $4, updated_at = $5 WHERE id = $1',
    [id, c.timezone, JSON.stringify(c.workingHours), c.holidayCountry, now],
  );
}

/** Adds a closed day or replaces its reason. */
export async function upsertClosedDay(q: Queryable, calendarId: string, day: string, reason: string): Promise<void> {
  await q.query(
    `INSERT INTO business_closed_days (calendar_id, day, reason) VALUES ($1, $2, $3)
     ON CONFLICT (calendar_id, day) DO UPDATE SET reason = EXCLUDED.reason`,
    [calendarId, day, reason],
  );
}

export async function deleteClosedDay(q: Queryable, calendarId: string, day: string): Promise<boolean> {
  const r = await q.query('DELETE FROM business_closed_days WHERE calendar_id = $1 AND day = $2', [calendarId, day]);
  return r.rowCount > 0;
}

export async function touchCalendar(q: Queryable, id: string, now: Date): Promise<void> {
  await q.query('UPDATE business_calendars SET updated_at = $2 WHERE id = $1', [id, now]);
}
