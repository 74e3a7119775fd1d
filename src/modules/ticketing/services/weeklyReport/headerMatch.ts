// Pure header matching for the weekly report: which column holds each field, by header text, case-insensitively and
// with the variants offices use (FT Ref, ft_ref, reference; DR Number, dr, dr_number; ...). A remembered or edited
// mapping (field -> header text) wins over the guess.

export const REPORT_FIELDS = ['ftRef', 'drNumber', 'area', 'issue', 'status', 'date'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
/** field -> the header text of its column (null: not in this file). */
export type ColumnMapping = Record<ReportField, string | null>;

const VARIANTS: Record<ReportField, string[]> = {
  ftRef: ['ft ref', 'ft reference', 'ft', 'ft no', 'ft number', 'reference', 'ref', 'ref no', 'qcontact ref', 'ticket ref', 'case number', 'case no'],
  drNumber: ['dr number', 'dr', 'dr no', 'drop', 'drop number', 'dr ref'],
  area: ['area', 'region', 'suburb', 'zone', 'project', 'site'],
  issue: ['issue', 'fault', 'fault description', 'description', 'problem', 'issue description', 'details', 'comment', 'comments'],
  status: ['status', 'state', 'fault status', 'ticket status'],
  date: ['date', 'date logged', 'logged date', 'reported', 'date reported', 'report date', 'created', 'created date', 'logged'],
};

/** "FT_Ref.", " DR-Number " -> "ft ref", "dr number". */
export function normaliseHeader(h: string): string {
  return h.toLowerCase().replace(/[_\-./#:()]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Guesses the mapping from a header row; a column is used once. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out = Object.fromEntries(REPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  const used = new Set<string>();
  const norm = headers.map((h) => normaliseHeader(h));
  for (const f of REPORT_FIELDS) {
    for (const v of VARIANTS[f]) {
      const i = norm.findIndex((n, idx) => n === v && !used.has(headers[idx]));
      if (i >= 0) {
        out[f] = headers[i];
        used.add(headers[i]);
        break;
      }
    }
  }
  return out;
}

/** How many fields a header row maps (a sheet is the ticket sheet when it maps DR or FT and two more). */
export function headerScore(m: ColumnMapping): number {
  return REPORT_FIELDS.filter((f) => m[f] !== null).length;
}

export function isTicketHeader(m: ColumnMapping): boolean {
  return (m.drNumber !== null || m.ftRef !== null) && headerScore(m) >= 3;
}

/** The guess, with a remembered or edited mapping applied where its header is really in this file. */
export function resolveMapping(headers: readonly string[], preferred?: Partial<ColumnMapping> | null): ColumnMapping {
  const guess = guessMapping(headers);
  if (!preferred) return guess;
  const present = new Set(headers);
  const out = { ...guess };
  for (const f of REPORT_FIELDS) {
    const h = preferred[f];
    if (h === null) out[f] = null;
    else if (h !== undefined && present.has(h)) out[f] = h;
  }
  return out;
}
