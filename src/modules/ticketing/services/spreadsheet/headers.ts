// Pure header matching for every import: which column holds which field, by header text, synonyms or a remembered
// mapping, whatever the case, spacing or punctuation. Each import keeps its own fields and synonyms (ColumnSpec).
export interface ColumnSpec<F extends string = string> {
  field: F;
  label: string;
  /** Header texts that mean this field, in any case, spacing or punctuation. */
  synonyms: readonly string[];
  required?: boolean;
}

/** field -> the header text of its column (null: not imported). Header text, not position: columns move. */
export type HeaderMapping = Record<string, string | null>;

export interface MatchResult<F extends string> {
  /** field -> 0-based column index. */
  columns: Partial<Record<F, number>>;
  /** field -> header text, as the UI edits and remembers it. */
  mapping: HeaderMapping;
  missingRequired: F[];
  unmappedHeaders: string[];
}

/** 'Install Date ' -> 'installdate', 'DR #' -> 'dr': case, spaces and punctuation do not matter. */
export function normaliseHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Maps fields to columns. An explicit mapping (edited or remembered) wins where its header is present; the rest
 * is matched by the field name, its label and synonyms. A column serves at most one field.
 */
export function matchHeaders<F extends string>(headers: readonly string[], specs: readonly ColumnSpec<F>[], explicit: Readonly<Partial<HeaderMapping>> = {}): MatchResult<F> {
  // key -> every column with that header, in order: a repeated header serves the next field that names it.
  const index = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key) index.set(key, [...(index.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const columns: Partial<Record<F, number>> = {};
  const take = (f: F, name: string) => {
    const i = index.get(normaliseHeader(name))?.find((c) => !used.has(c));
    if (i === undefined) return false;
    columns[f] = i;
    used.add(i);
    return true;
  };
  const decided = new Set<F>();
  for (const s of specs) {
    const h = explicit[s.field];
    if (h === undefined) continue;
    if (h === null) decided.add(s.field);
    else if (take(s.field, h)) decided.add(s.field);
  }
  for (const s of specs) {
    if (decided.has(s.field)) continue;
    for (const name of [s.field, s.label, ...s.synonyms]) {
      if (take(s.field, name)) break;
    }
  }
  const mapping: HeaderMapping = {};
  for (const s of specs) mapping[s.field] = columns[s.field] === undefined ? null : headers[columns[s.field] as number];
  return {
    columns,
    mapping,
    missingRequired: specs.filter((s) => s.required && columns[s.field] === undefined).map((s) => s.field),
    unmappedHeaders: headers.filter((h, i) => h.trim() !== '' && !used.has(i)),
  };
}
