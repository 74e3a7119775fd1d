// Pure normalisation of spreadsheet cell values (exceljs rich text, formulas, hyperlinks) to plain values.
export type CellValue = string | number | boolean | Date | null;

/**
 * The plain value of a cell: text trimmed, rich text joined, a formula's result, a hyperlink's text; errors, formulas
 * without a cached result and anything unknown are null.
 */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('').trim();
    if ('result' in o) return plainCell(o.result);
    if ('text' in o) return plainCell(o.text);
  }
  return null;
}

/** A cell as trimmed text ('' when empty); whole numbers without a decimal point (ONT serials, pole numbers). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** A number cell, or numeric text with a decimal point or comma (SA locales write 26,123); null when not a number. */
export function cellNumber(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** True when every cell is empty. */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}
