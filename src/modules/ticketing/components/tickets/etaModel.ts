// Pure: the technician's arrival time between a datetime-local input (wall-clock time in the business timezone,
// South African time by default) and the ISO instant with its offset that the API takes.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** An instant as a datetime-local value in `timeZone`: "2026-11-25T12:30:00Z" -> "2026-11-25T14:30" in Johannesburg. */
export function toLocalInput(iso: string | null, timeZone: string): string {
  return iso ? format(new TZDate(Date.parse(iso), timeZone), "yyyy-MM-dd'T'HH:mm") : '';
}

/** A datetime-local value read as wall-clock time in `timeZone`, as ISO with offset ("…T14:30:00.000+02:00"); null when empty or malformed. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  return new TZDate(y, mo - 1, d, h, mi, timeZone).toISOString();
}
