// The weekly report's own header rules, on the shared matcher: its fields and the variants offices use (FT Ref,
// ft_ref, reference; DR Number, dr, dr_number; ...), and what makes a header row the ticket sheet's.
import { matchHeaders, type ColumnSpec } from '../spreadsheet/headers';

export const REPORT_FIELDS = ['ftRef', 'drNumber', 'area', 'issue', 'status', 'date'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
/** field -> the header text of its column (null: not in this file). */
export type ColumnMapping = Record<ReportField, string | null>;

export const REPORT_COLUMNS: readonly ColumnSpec<ReportField>[] = [
  { field: 'ftRef', label: 'FT Ref', synonyms: ['ft reference', 'ft', 'ft no', 'ft number', 'reference', 'ref', 'ref no', 'qcontact ref', 'ticket ref', 'case number', 'case no'] },
  { field: 'drNumber', label: 'DR Number', synonyms: ['dr', 'dr no', 'drop', 'drop number', 'dr ref'] },
  { field: 'area', label: 'Area', synonyms: ['region', 'suburb', 'zone', 'project', 'site'] },
  { field: 'issue', label: 'Issue', synonyms: ['fault', 'fault description', 'description', 'problem', 'issue description', 'details', 'comment', 'comments'] },
  { field: 'status', label: 'Status', synonyms: ['state', 'fault status', 'ticket status'] },
  { field: 'date', label: 'Date', synonyms: ['date logged', 'logged date', 'reported', 'date reported', 'report date', 'created', 'created date', 'logged'] },
];

/** The years a report's date may fall in: a stray number in the date column is an error, not 1900-01-01. */
export const REPORT_YEARS = { minYear: 1990, maxYear: 2100 };

export interface ReportHeader {
  mapping: ColumnMapping;
  /** field -> 0-based column. */
  columns: Partial<Record<ReportField, number>>;
}

/** The mapping of a header row: a remembered or edited mapping wins where its header is in the file, the rest is guessed. */
export function resolveHeader(headers: readonly string[], preferred?: Partial<ColumnMapping> | null): ReportHeader {
  const m = matchHeaders(headers, REPORT_COLUMNS, preferred ?? {});
  return { mapping: m.mapping as ColumnMapping, columns: m.columns };
}

export function resolveMapping(headers: readonly string[], preferred?: Partial<ColumnMapping> | null): ColumnMapping {
  return resolveHeader(headers, preferred).mapping;
}

/** The guess from a header row alone; a column is used once. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return resolveMapping(headers, null);
}

/** How many fields a header row maps (a sheet is the ticket sheet when it maps DR or FT and two more). */
export function headerScore(m: ColumnMapping): number {
  return REPORT_FIELDS.filter((f) => m[f] !== null).length;
}

export function isTicketHeader(m: ColumnMapping): boolean {
  return (m.drNumber !== null || m.ftRef !== null) && headerScore(m) >= 3;
}
