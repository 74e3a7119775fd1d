// The CSV export of a ticket filter: one row per ticket, streamed through csv-stringify as the pages arrive.
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { TicketWithSla } from '../sla/slaView';
import { formatInZone, safeCell } from './exportFormat';

export const CSV_COLUMNS: [string, (t: TicketWithSla, tz: string) => string | number | null][] = [
  ['UID', (t) => t.ticketUid],
  ['Source', (t) => t.source],
  ['Type', (t) => t.ticketType],
  ['Category', (t) => t.category],
  ['Priority', (t) => t.priority],
  ['Status', (t) => t.status],
  ['Title', (t) => t.title],
  ['DR number', (t) => t.drNumber],
  ['Project', (t) => t.projectName],
  ['Client', (t) => t.clientName],
  ['Address', (t) => t.address],
  ['Assignee', (t) => t.assigneeName],
  ['Billing', (t) => t.billingType],
  ['SLA state', (t) => t.sla.state],
  ['Resolution due', (t, tz) => formatInZone(t.dueAt, tz)],
  ['Created', (t, tz) => formatInZone(t.createdAt, tz)],
  ['Resolved', (t, tz) => formatInZone(t.resolvedAt, tz)],
  ['Fault cause', (t) => t.faultCause],
  ['Tags', (t) => t.tags.join(' ')],
];

/** A CSV stream (UTF-8 with a byte-order mark, so Excel reads accents) of the tickets yielded by `rows`. */
export function ticketsCsv(rows: AsyncIterable<TicketWithSla>, timeZone: string): Readable {
  const records = Readable.from(
    (async function* () {
      for await (const t of rows) yield CSV_COLUMNS.map(([, get]) => safeCell(String(get(t, timeZone) ?? '')));
    })(),
  );
  const csv = stringify({ header: true, columns: CSV_COLUMNS.map(([name]) => name), bom: true, record_delimiter: 'windows' });
  records.on('error', (err) => csv.destroy(err));
  return records.pipe(csv);
}
