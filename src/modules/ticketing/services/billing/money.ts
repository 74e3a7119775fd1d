// Money helpers: integer cents in TypeScript, numeric(12,2) decimal strings in SQL, and half-up rounding.

/** Divides two non-negative integers, rounding half up (0.5 cent -> 1 cent). */
export function roundDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`roundDiv needs non-negative safe integers, got ${numerator}/${denominator}`);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** '123.45' (numeric from SQL) -> 12345 cents, without floating-point arithmetic on the amount. */
export function decimalToCents(value: string | number): number {
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new RangeError(`Not a decimal amount: ${String(value)}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** 12345 cents -> '123.45' for a numeric(12,2) parameter. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal quantity with two places (hours, multipliers) as an integer count of hundredths: 1.5 -> 150. */
export function toHundredths(value: number | string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`Not a non-negative quantity: ${String(value)}`);
  return Math.round(n * 100);
}

/** Nullable variant for optional numeric columns. */
export function decimalToCentsOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : decimalToCents(value);
}
